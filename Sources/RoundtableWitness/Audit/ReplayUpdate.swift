public import TransparencyLog

/// How a newly cosigned checkpoint moves an auditing witness's stored replay of a forum's log on; the store writes it
/// in the transaction that stores the checkpoint.
public struct ReplayUpdate: Sendable {
    /// What is written beside the new size and tree.
    public enum Record: Sendable {
        /// The entries newly replayed, from the previous size on, kept after the stored snapshot.
        case entries([[UInt8]])
        /// A snapshot of the replay at the new size (an encoded ``RoundtableDomain/ReplaySnapshot``), which replaces
        /// the stored snapshot and the entries kept after it.
        case snapshot([UInt8])
    }

    /// The log's origin.
    public let origin: String
    /// The replayed size the update starts from, as stored; 0 for the first.
    public let previousSize: UInt64
    /// The replayed size after it: the cosigned checkpoint's size.
    public let size: UInt64
    /// The tree of the entries replayed: the roots of its complete subtrees, largest first.
    public let range: [TreeHash]
    /// The entries or the snapshot to write.
    public let record: Record

    /// Creates an update.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - previousSize: The replayed size it starts from.
    ///   - size: The replayed size after it.
    ///   - range: The roots of the complete subtrees of the tree of `size` entries.
    ///   - record: The entries from `previousSize` to `size`, or a snapshot at `size`.
    public init(origin: String, previousSize: UInt64, size: UInt64, range: [TreeHash], record: Record) {
        self.origin = origin
        self.previousSize = previousSize
        self.size = size
        self.range = range
        self.record = record
    }
}
