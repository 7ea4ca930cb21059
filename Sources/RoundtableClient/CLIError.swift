/// A command-line failure with a message that says what to do.
public struct CLIError: Error, CustomStringConvertible {
    public let description: String

    /// Creates an error.
    /// - Parameter description: What went wrong and what to do.
    public init(_ description: String) { self.description = description }
}
