/// A checkpoint, cosignature or proof file that is malformed or does not verify.
public struct FormatError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let description: String

    /// Creates an error.
    /// - Parameter description: What is wrong.
    public init(_ description: String) { self.description = description }
}
