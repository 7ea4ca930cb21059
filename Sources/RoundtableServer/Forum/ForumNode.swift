import Logging
public import RoundtableDomain
import Synchronization
public import TransparencyLog

/// A running forum: its store, the node's key and the state its acts have made.
///
/// Submissions are verified concurrently (signatures) and then ordered and committed in batches, one durable
/// transaction per batch, by an ``AppendBatcher``. The in-memory state changes only after a commit succeeds.
public final class ForumNode<Store: ForumStore>: Sendable {
    /// The store that holds the log and the state.
    public let store: Store
    /// The node's key, which signs the node's own acts.
    public let nodeSigner: NoteSigner
    /// The forum's transparency log over the store's entries.
    public let log: ForumLog<Store>
    private let sequencer: ActSequencer<Store>
    private let batcher: AppendBatcher<VerifiedAct, ActReceipt>

    /// Wraps a store that already holds a forum; see ``open(store:nodeSigner:origin:founding:logger:)``.
    init(store: Store, nodeSigner: NoteSigner, state: ForumState, maximumBatchSize: Int = 4096) throws {
        self.store = store
        self.nodeSigner = nodeSigner
        self.log = try ForumLog(store: store, nodeSigner: nodeSigner, forumOrigin: state.origin)
        let sequencer = ActSequencer(store: store, state: state)
        self.sequencer = sequencer
        self.batcher = AppendBatcher(maximumBatchSize: maximumBatchSize) { batch in await sequencer.commit(batch) }
    }

    /// The forum's state as of the last commit.
    public var state: ForumState { sequencer.state }

    /// Verifies a submitted act and appends it to the log.
    /// - Parameter entry: The signed note's bytes, exactly as submitted.
    /// - Returns: Where the act stands in the log.
    /// - Throws: ``ActError`` when the act is refused; nothing is written then.
    public func submit(_ entry: [UInt8]) async throws -> ActReceipt {
        let verified = try state.verify(entry: entry)
        return try await batcher.submit(verified)
    }
}

/// Orders verified acts against the forum's state and commits each batch in one store transaction.
///
/// Only the batcher's committer calls ``commit(_:)``, one batch at a time.
final class ActSequencer<Store: ForumStore>: Sendable {
    private let store: Store
    private let current: Mutex<ForumState>

    init(store: Store, state: ForumState) {
        self.store = store
        self.current = Mutex(state)
    }

    var state: ForumState { current.withLock { $0 } }

    func commit(_ batch: [VerifiedAct]) async -> [Result<ActReceipt, any Error>] {
        var state = self.state
        var records: [ActRecord] = []
        var outcomes: [Result<Int, ActError>] = []
        for verified in batch {
            do {
                let changes = try state.check(verified)
                state.apply(changes)
                outcomes.append(.success(records.count))
                records.append(ActRecord(entry: verified.entry, changes: changes))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        let first: UInt64
        do {
            first = records.isEmpty ? 0 : try await store.append(records)
        } catch {
            return batch.map { _ in .failure(ForumNodeError.storageFailed(error)) }
        }
        current.withLock { [state] in $0 = state }
        return zip(batch, outcomes).map { verified, outcome in
            outcome.map { ActReceipt(index: first + UInt64($0), act: verified.act) }.mapError { $0 }
        }
    }
}
