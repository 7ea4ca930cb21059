public import TransparencyLog

/// The forum's log of acts: the append-only sequence of entries (index → bytes) and, through ``LogStorage``, the
/// transparency log's tiles and checkpoints over it.
///
/// Appending is the store's one write path for acts: an append writes each entry together with the
/// ``ForumChange``s its act makes, which ``ForumStateStore`` and ``ExchangeStorage`` then read.
public protocol ForumLogStore: LogStorage {
    /// Appends records in one durable transaction, if the log ends at `index`: when this returns, every entry and
    /// change is on stable storage.
    ///
    /// The log's size is checked inside the same transaction that writes, so two appenders can never both write at
    /// one index; a store whose log does not end at `index` writes nothing and throws ``AppendOutOfStep``. An entry
    /// longer than a C2SP entry bundle holds (65,535 bytes) is refused, and the batch writes nothing.
    /// - Parameters:
    ///   - records: The records, in log order.
    ///   - index: Where the first record's entry must go: the log's size as the caller knows it. The others follow
    ///     consecutively.
    func append(_ records: [ActRecord], at index: UInt64) async throws

    /// The entry at an index, byte for byte, or `nil` past the end of the log.
    /// - Parameter index: A log index, from 0.
    func entry(at index: UInt64) async throws -> [UInt8]?

    /// The number of entries in the log.
    func entryCount() async throws -> UInt64

    /// When the latest checkpoint was signed, by the node's clock; `nil` before the first one, or when the store
    /// does not know.
    func latestCheckpointTime() async throws -> Timestamp?

    /// When each of some entries was logged, by the first checkpoints that include it (their size is larger than the
    /// index): the node's time of signing the first, and the witnessed time of the first cosigned one. In one read,
    /// for pages that show many acts.
    /// - Parameter indexes: Log indexes.
    /// - Returns: The times of each index that a checkpoint includes; an index no checkpoint includes yet is absent.
    func loggingTimes(of indexes: [UInt64]) async throws -> [UInt64: LoggingTime]

    /// Stores a checkpoint that met the witness quorum, replacing the one stored for the same size (which carried
    /// fewer cosignatures).
    func storeCosignedCheckpoint(_ checkpoint: WitnessedCheckpoint) async throws

    /// The cosigned checkpoint of the largest tree, if any.
    func latestCosignedCheckpoint() async throws -> WitnessedCheckpoint?

    /// The cosigned checkpoint of the smallest tree that includes an entry (its size is larger than the index):
    /// its witnessed time bounds when that entry was logged.
    /// - Parameter index: A log index.
    func firstCosignedCheckpoint(including index: UInt64) async throws -> WitnessedCheckpoint?

    /// The cosigned checkpoints of trees larger than `size`, smallest first, at most `limit`.
    /// - Parameters:
    ///   - size: The size to list after (0 for all).
    ///   - limit: How many at most.
    func cosignedCheckpoints(after size: UInt64, limit: Int) async throws -> [WitnessedCheckpoint]
}

extension ForumLogStore {
    /// Every appended entry is sequenced: the transparency log's size is the forum log's entry count.
    public func sequencedSize() async throws -> UInt64 { try await entryCount() }
}
