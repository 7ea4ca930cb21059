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

    /// Whether the node writes: not before ``start()``, never after it found its store out of step.
    let gate = NodeWriteGate()
    /// The genesis of a forum that ``start()`` is to create, appended only then.
    private let pendingGenesis: Mutex<ActRecord?>

    /// Wraps a store that holds a forum, or will once `genesis` is appended; see
    /// ``prepare(store:nodeSigner:origin:founding:logger:)``.
    init(
        store: Store, nodeSigner: NoteSigner, state: ForumState, entryCount: UInt64, exchange: (lastDateAdded: Int64, secret: [UInt8]),
        genesis: ActRecord? = nil, maximumBatchSize: Int = 4096
    ) throws {
        self.lastDateAdded = Mutex(exchange.lastDateAdded)
        self.pageCursor = PageCursor(secret: exchange.secret)
        self.store = store
        self.nodeSigner = nodeSigner
        self.pendingGenesis = Mutex(genesis)
        self.log = try ForumLog(store: store, nodeSigner: nodeSigner, forumOrigin: state.origin)
        let sequencer = ActSequencer(store: store, state: state, nextIndex: entryCount, gate: gate)
        self.sequencer = sequencer
        self.batcher = AppendBatcher(maximumBatchSize: maximumBatchSize) { batch in await sequencer.commit(batch) }
    }

    /// Starts writing: appends the genesis of a new forum, accepts acts, and runs `setUp`; only then do
    /// ``waitUntilStarted()`` and `/healthz` say it started (and the log publisher and the clerk begin).
    ///
    /// `roundtable serve` calls this once its listening socket is bound, so a node that cannot serve writes nothing.
    /// - Parameter setUp: Acts to write before the node counts as started (the demonstration forum's).
    /// - Throws: The store's error when the genesis or the log cannot be written, or `setUp`'s; the node then does not
    ///   count as started.
    public func start(setUp: (ForumNode) async throws -> Void = { _ in }) async throws {
        if let genesis = pendingGenesis.withLock({ $0 }) {
            try await store.append([genesis], at: 0)
            pendingGenesis.withLock { $0 = nil }
        }
        gate.open()
        try await setUp(self)
        gate.finishStarting()
    }

    /// Returns once ``start()`` has finished, or the node has halted; the services that write wait for it.
    public func waitUntilStarted() async { await gate.waitUntilStarted() }

    /// Why the node does not count as started and accepting acts (starting, or stopped writing), or `nil`: what
    /// `/healthz` reports.
    public var writeProblem: ForumNodeError? { gate.problem }

    /// Integrates the entries the node has committed into the log's tiles and signs a checkpoint if the tree grew.
    ///
    /// Only the node's own entries are integrated, up to the last index it committed, and nothing once it halted: a
    /// checkpoint never covers entries that something else wrote into the store.
    /// - Returns: The checkpoint published, if any.
    @discardableResult
    public func publishLog() async throws -> [UInt8]? {
        if case .halted(let reason) = gate.problem { throw ForumNodeError.halted(reason) }
        return try await log.integrateAndPublish(upTo: sequencer.committedSize)
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
        try gate.check()
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
    /// Before it is queued the act is signed and read back from its bytes by the code that replays the log, and it is
    /// then checked against the state like any act: the node never signs into its log an act that its own replay, or
    /// `roundtable audit`, would refuse.
    /// - Throws: ``ActError`` when the act does not follow the rules, ``ForumNodeError/nodeActUnreadable(_:_:)`` when
    ///   its text would not read back (a fault of the node); nothing is written then.
    @discardableResult
    public func perform(_ body: Act.Body, attachments: (@Sendable (UInt64) -> [ForumChange])? = nil) async throws -> ActReceipt {
        try gate.check()
        return try await nodeActs.run {
            let state = state
            let act = Act(origin: state.origin, actor: .node, sequence: state.nodeSequence + 1, body: body)
            var verified: VerifiedAct
            do { verified = try state.admit(try Self.readBack(act, signedBy: nodeSigner), signatures: nil) } catch let error as ActError {
                throw ForumNodeError.nodeActUnreadable(body.type, error.message)
            }
            verified.attachments = attachments
            return try await batcher.submit(verified)
        }
    }

    /// Signs one of the node's acts and reads it back from its bytes as the replay will, with the same parser.
    /// - Throws: ``ForumNodeError/nodeActUnreadable(_:_:)`` when the bytes do not give back the same act.
    static func readBack(_ act: Act, signedBy signer: NoteSigner) throws(ForumNodeError) -> LoggedAct {
        let logged: LoggedAct
        do { logged = try LoggedAct(parsing: try act.signed(by: [signer]).bytes) } catch let error as ActError {
            throw .nodeActUnreadable(act.body.type, error.message)
        } catch {
            throw .nodeActUnreadable(act.body.type, "\(error)")
        }
        guard logged.act == act else { throw .nodeActUnreadable(act.body.type, "its text reads back as another act") }
        return logged
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

/// Orders verified acts against the forum's state and commits each batch in one store transaction, at the index the
/// node expects.
///
/// Only the batcher's committer calls ``commit(_:)``, one batch at a time. When the store's log is not where the node
/// left it, the sequencer halts the node's writes instead of retrying.
final class ActSequencer<Store: ForumStore>: Sendable {
    private let store: Store
    private let gate: NodeWriteGate
    private let current: Mutex<(state: ForumState, nextIndex: UInt64)>

    init(store: Store, state: ForumState, nextIndex: UInt64, gate: NodeWriteGate) {
        self.store = store
        self.gate = gate
        self.current = Mutex((state, nextIndex))
    }

    var state: ForumState { current.withLock { $0.state } }

    /// The number of entries the node has committed.
    var committedSize: UInt64 { current.withLock { $0.nextIndex } }

    func commit(_ batch: [VerifiedAct]) async -> [Result<ActReceipt, any Error>] {
        do { try gate.check() } catch { return batch.map { _ in .failure(error) } }
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
                try await store.append(records, at: first)
            } catch {
                let failure = await failed(error, expected: first)
                return batch.map { _ in .failure(failure) }
            }
            nextIndex += UInt64(records.count)
        }
        current.withLock { [state, nextIndex] in $0 = (state, nextIndex) }
        return zip(batch, outcomes).map { verified, outcome in
            outcome.map { ActReceipt(index: first + UInt64($0), act: verified.act) }.mapError { $0 }
        }
    }

    /// What a failed append means: a store whose log still ends where the node expects failed for a passing reason
    /// (a full disk) and wrote nothing; any other store is out of step, and the node stops writing.
    private func failed(_ error: any Error, expected: UInt64) async -> ForumNodeError {
        let outOfStep: ForumNodeError
        if let error = error as? AppendOutOfStep {
            outOfStep = .logOutOfStep(expected: error.expected, stored: error.stored)
        } else {
            do {
                let stored = try await store.entryCount()
                guard stored != expected else { return .storageFailed(error) }
                outOfStep = .logOutOfStep(expected: expected, stored: stored)
            } catch let countError {
                outOfStep = .storeUnreadable(write: error, read: countError)
            }
        }
        gate.halt(outOfStep.description)
        return outOfStep
    }
}
