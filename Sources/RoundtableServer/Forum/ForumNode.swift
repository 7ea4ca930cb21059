import Logging
import NIOCore
import NIOPosix
public import RoundtableDomain
import Synchronization
public import TransparencyLog
public import RoundtableExchange

/// A running forum: its store, the node's key and the state its acts have made.
///
/// Submissions are verified concurrently (signatures, on the submitting tasks) and then ordered and committed in
/// batches, one durable transaction per batch, by an ``AppendBatcher``. The in-memory state changes only after a
/// commit succeeds.
public final class ForumNode<Store: ForumStore>: Sendable {
    /// The store that holds the log and the state.
    public let store: Store
    /// The node's key, which signs the node's own acts.
    public let nodeSigner: NoteSigner
    /// The forum's transparency log over the store's entries.
    public let log: ForumLog<Store>
    private let sequencer: ActSequencer<Store>
    private let batcher: AppendBatcher<VerifiedAct, ActReceipt>
    private let nodeActs = NodeActLock()
    /// Runs the exchange's writes one at a time, so that duplicate checks, `date_added` values and commits keep one
    /// order.
    let exchangeWrites = NodeActLock()
    /// The latest `date_added` given to an exchange object, in microseconds: each new one is later.
    let lastDateAdded: Mutex<Int64>
    /// Authenticates the exchange's paging tokens.
    public let pageCursor: PageCursor

    /// Wraps a store that already holds a forum; see ``open(store:nodeSigner:origin:founding:logger:)``.
    init(
        store: Store, nodeSigner: NoteSigner, state: ForumState, entryCount: UInt64, exchange: (lastDateAdded: Int64, secret: [UInt8]),
        maximumBatchSize: Int = 4096
    ) throws {
        self.lastDateAdded = Mutex(exchange.lastDateAdded)
        self.pageCursor = PageCursor(secret: exchange.secret)
        self.store = store
        self.nodeSigner = nodeSigner
        self.log = try ForumLog(store: store, nodeSigner: nodeSigner, forumOrigin: state.origin)
        let sequencer = ActSequencer(store: store, state: state, nextIndex: entryCount)
        self.sequencer = sequencer
        self.batcher = AppendBatcher(maximumBatchSize: maximumBatchSize) { batch in await sequencer.commit(batch) }
    }

    /// The forum's state as of the last commit.
    public var state: ForumState { sequencer.state }

    /// Verifies a submitted act and appends it to the log.
    /// - Parameter entry: The signed note's bytes, exactly as submitted.
    /// - Returns: Where the act stands in the log.
    /// - Throws: ``ActError`` when the act is refused; nothing is written then.
    ///
    /// The signatures are checked on the calling task: `roundtable serve` runs Swift concurrency on the event loops
    /// that serve the connections, so a request is read, verified and queued for its commit on one thread, with no
    /// hand-off.
    public func submit(_ entry: [UInt8]) async throws -> ActReceipt {
        let verified = try state.verify(entry: entry)
        if case .propose(let draft) = verified.act.body, try await !store.hasDocument(draft.document) {
            throw ActError(
                .unknownDocument,
                "the node has no document \(Hex.encode(draft.document)); POST the proposal's text to /api/v1/documents first")
        }
        // Resumed on the event loop it was submitted from, which serves its connection, rather than on the committer's.
        var handOff: AppendHandOff?
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop { handOff = { resume in loop.execute(resume) } }
        return try await batcher.submit(verified, handOff: handOff)
    }

    /// Writes the acts the node owes the forum now (``ForumState/dueNodeActs(now:)``), one after another, each
    /// signed with the node key and ordered like any member's act.
    /// - Parameter now: The node's clock.
    /// - Returns: The receipts of the acts written; an act that a member's act overtook is refused and left for the
    ///   next call.
    @discardableResult
    public func performDueActs(now: Timestamp) async throws -> [ActReceipt] {
        var receipts: [ActReceipt] = []
        for body in state.dueNodeActs(now: now) {
            do {
                receipts.append(try await perform(body))
            } catch is ActError {
                continue
            }
        }
        return receipts
    }

    /// Writes one of the node's own acts, signed with the node key and ordered like any member's act.
    ///
    /// The node's acts are written one at a time, each numbered after the last one committed.
    /// - Parameters:
    ///   - body: What the act does.
    ///   - attachments: Changes the store writes with the act, given the act's log index (the objects an `exchange`
    ///     act records).
    /// - Throws: ``ActError`` when the act does not follow the rules; nothing is written then.
    @discardableResult
    public func perform(_ body: Act.Body, attachments: (@Sendable (UInt64) -> [ForumChange])? = nil) async throws -> ActReceipt {
        try await nodeActs.run {
            let act = Act(origin: state.origin, actor: .node, sequence: state.nodeSequence + 1, body: body)
            var verified = try VerifiedAct(nodeAct: act, signedBy: nodeSigner)
            verified.attachments = attachments
            return try await batcher.submit(verified)
        }
    }
}

/// Runs the node's acts one at a time: each must carry the sequence number after the last one committed.
actor NodeActLock {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        while busy { await withCheckedContinuation { waiting.append($0) } }
        busy = true
        defer {
            busy = false
            if !waiting.isEmpty { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}

/// Orders verified acts against the forum's state and commits each batch in one store transaction.
///
/// Only the batcher's committer calls ``commit(_:)``, one batch at a time.
final class ActSequencer<Store: ForumStore>: Sendable {
    private let store: Store
    private let current: Mutex<(state: ForumState, nextIndex: UInt64)>

    init(store: Store, state: ForumState, nextIndex: UInt64) {
        self.store = store
        self.current = Mutex((state, nextIndex))
    }

    var state: ForumState { current.withLock { $0.state } }

    func commit(_ batch: [VerifiedAct]) async -> [Result<ActReceipt, any Error>] {
        var (state, nextIndex) = current.withLock { $0 }
        var records: [ActRecord] = []
        var outcomes: [Result<Int, ActError>] = []
        for verified in batch {
            do {
                let index = nextIndex + UInt64(records.count)
                let changes = try state.check(verified, at: index) + (verified.attachments?(index) ?? [])
                state.apply(changes)
                outcomes.append(.success(records.count))
                records.append(ActRecord(entry: verified.entry, changes: changes))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        let first = nextIndex
        if !records.isEmpty {
            do {
                let stored = try await store.append(records)
                guard stored == first else { throw ForumNodeError.logOutOfStep(expected: first, stored: stored) }
            } catch {
                return batch.map { _ in .failure(ForumNodeError.storageFailed(error)) }
            }
            nextIndex += UInt64(records.count)
        }
        current.withLock { [state, nextIndex] in $0 = (state, nextIndex) }
        return zip(batch, outcomes).map { verified, outcome in
            outcome.map { ActReceipt(index: first + UInt64($0), act: verified.act) }.mapError { $0 }
        }
    }
}
