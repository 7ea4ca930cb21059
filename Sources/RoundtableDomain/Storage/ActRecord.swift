/// An accepted act as a store writes it: the entry bytes, appended to the log verbatim, and the state changes the
/// act causes, written in the same transaction.
public struct ActRecord: Hashable, Sendable {
    /// The signed note, byte for byte as submitted.
    public let entry: [UInt8]
    /// The changes to the forum's state.
    public let changes: [ForumChange]

    /// Creates a record.
    /// - Parameters:
    ///   - entry: The signed note's bytes.
    ///   - changes: The changes to the forum's state.
    public init(entry: [UInt8], changes: [ForumChange]) {
        self.entry = entry
        self.changes = changes
    }
}
