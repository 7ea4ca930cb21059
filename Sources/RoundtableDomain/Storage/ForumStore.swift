public import TransparencyLog

/// Durable storage of a forum: the append-only entry log (index → bytes), the state its acts have made, and the
/// transparency log's tiles and checkpoints over those entries.
///
/// Implementations: `SQLiteForumStore` (GRDB, the embedded default) and `InMemoryForumStore` (tests).
public protocol ForumStore: LogStorage, ExchangeStorage {
    /// Reads the forum's state, or `nil` when the store holds no forum yet.
    func loadState() async throws -> ForumState?

    /// Appends records in one durable transaction, if the log ends at `index`: when this returns, every entry and
    /// change is on stable storage.
    ///
    /// The log's size is checked inside the same transaction that writes, so two appenders can never both write at
    /// one index; a store whose log does not end at `index` writes nothing and throws ``AppendOutOfStep``.
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

    /// Stores a document durably; storing the same document again changes nothing.
    /// - Parameter document: The document.
    func store(_ document: StoredDocument) async throws

    /// When the latest checkpoint was signed, by the node's clock; `nil` before the first one, or when the store
    /// does not know.
    func latestCheckpointTime() async throws -> Timestamp?

    /// The document with this SHA-256, or `nil`.
    /// - Parameter sha256: The document's hash.
    func document(_ sha256: [UInt8]) async throws -> StoredDocument?
}

extension ForumStore {
    /// Whether the store holds the document with this SHA-256.
    /// - Parameter sha256: The document's hash.
    public func hasDocument(_ sha256: [UInt8]) async throws -> Bool { try await document(sha256) != nil }
}
