/// A mirror's own copy is not a copy of the log it was asked to follow.
public struct LogMirrorError: Error, Hashable, CustomStringConvertible, Sendable {
    /// What is wrong, and what to do.
    public let description: String

    /// Creates an error.
    /// - Parameter description: What is wrong, and what to do.
    public init(_ description: String) { self.description = description }
}
