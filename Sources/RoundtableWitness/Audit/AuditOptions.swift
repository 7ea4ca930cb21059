/// How an auditing witness replays: the defaults suit a witness; tests and benchmarks change them.
public struct AuditOptions: Sendable {
    /// How many entries are verified together, on every core, while the batch before is replayed.
    public var batchSize: Int
    /// How many bytes of entries may always be kept after the stored snapshot of a replay before a new snapshot is
    /// written; past this, entries are kept while they weigh no more than four times the snapshot.
    public var minimumKeptBytes: Int

    /// Creates options.
    /// - Parameters:
    ///   - batchSize: How many entries are verified together.
    ///   - minimumKeptBytes: The bytes of entries that may always be kept after a snapshot.
    public init(batchSize: Int = 8192, minimumKeptBytes: Int = 1 << 20) {
        self.batchSize = batchSize
        self.minimumKeptBytes = minimumKeptBytes
    }
}
