/// Durable storage of a forum, by concern: its log of acts (``ForumLogStore``, which includes the transparency log's
/// ``LogStorage``), the state the acts make (``ForumStateStore``), the exchange's objects (``ExchangeStorage``) and
/// the documents acts name (``DocumentStore``), and what the communication mechanism keeps beside the log
/// (``CommunicationStore``).
///
/// The concerns share one store because one append writes them together: an act's entry and every change it makes
/// (to members, to the exchange) commit in one transaction. Code that needs one concern can ask for that protocol
/// alone; a new store meets `ForumStoreContract` (in `RoundtableTestSupport`), one named check per behaviour.
///
/// Implementations: `SQLiteForumStore` (GRDB, the embedded default) and `InMemoryForumStore` (tests).
public protocol ForumStore: ForumLogStore, ForumStateStore, ExchangeStorage, DocumentStore, CommunicationStore {
    /// How many bytes the store takes on disk, for monitoring; `nil` for a store that keeps nothing on disk.
    func sizeInBytes() async throws -> UInt64?
}

extension ForumStore {
    /// Nothing on disk.
    public func sizeInBytes() async throws -> UInt64? { nil }
}
