/// Why a STIX object was refused; the message names the property and says what is expected.
public struct STIXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// Creates an error.
    /// - Parameter message: What is wrong.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
