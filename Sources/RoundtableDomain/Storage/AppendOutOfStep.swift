/// A store refused an append because its log does not end where the appender expected: something else wrote to it,
/// or it lost entries. Nothing was written.
public struct AppendOutOfStep: Error, Hashable, Sendable, CustomStringConvertible {
    /// The index the appender expected the first new entry to take: the log's size as the appender knows it.
    public let expected: UInt64
    /// The log's size in the store when the append was refused.
    public let stored: UInt64

    /// Creates the error.
    /// - Parameters:
    ///   - expected: The index the appender expected.
    ///   - stored: The log's size in the store.
    public init(expected: UInt64, stored: UInt64) {
        self.expected = expected
        self.stored = stored
    }

    public var description: String {
        "the store's log holds \(stored) entries where the node expected \(expected); nothing was written"
    }
}
