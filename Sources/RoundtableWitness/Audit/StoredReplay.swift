public import TransparencyLog

/// What an auditing witness stored of its replay of a forum's log: how many entries it replayed, the tree of those
/// entries, and the replay's state, as a snapshot and the entries replayed after it.
public struct StoredReplay: Sendable {
    /// How many entries were replayed.
    public let size: UInt64
    /// The tree of those entries: the roots of its complete subtrees, largest first (``CompactRange``).
    public let range: [TreeHash]
    /// How many entries the snapshot results from; 0 without a snapshot.
    public let snapshotIndex: UInt64
    /// The snapshot, an encoded ``RoundtableDomain/ReplaySnapshot``; `nil` before the first.
    public let snapshot: [UInt8]?
    /// The entries from ``snapshotIndex`` to ``size``, in order.
    public let entries: [[UInt8]]

    /// Creates a record.
    /// - Parameters:
    ///   - size: How many entries were replayed.
    ///   - range: The roots of the complete subtrees of their tree, largest first.
    ///   - snapshotIndex: How many entries the snapshot results from.
    ///   - snapshot: The encoded snapshot, or `nil`.
    ///   - entries: The entries after the snapshot.
    public init(size: UInt64, range: [TreeHash], snapshotIndex: UInt64, snapshot: [UInt8]?, entries: [[UInt8]]) {
        self.size = size
        self.range = range
        self.snapshotIndex = snapshotIndex
        self.snapshot = snapshot
        self.entries = entries
    }
}
