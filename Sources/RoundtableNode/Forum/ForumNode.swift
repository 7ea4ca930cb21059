public import Logging
import NIOCore
import NIOPosix
public import RoundtableDomain
import Synchronization
public import TransparencyLog
import RoundtableExchange

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
    /// The exchange of STIX objects between members, over the same log.
    public let exchange: ForumExchange<Store>
    let sequencer: ActSequencer<Store>
    /// Wakes the tasks that wait for the node's next commit (an inbox stream).
    public let commits: ProgressSignal
    private let batcher: AppendBatcher<VerifiedAct, ActReceipt>
    private let nodeActs: NodeActs<Store>

    /// Whether the node writes: not before ``start(setUp:)``, never after it found its store out of step.
    let gate = NodeWriteGate()
    /// The genesis of a forum that ``start(setUp:)`` is to create, appended only then.
    private let pendingGenesis: Mutex<ActRecord?>
    /// Collects the witnesses' cosignatures, once ``collectCosignatures(makeTransport:logger:)`` set it up.
    private let collector = Mutex<WitnessCollector<Store>?>(nil)
    /// Where the communication mechanism's notices go, and the task that writes the acts a member's act calls for.
    let desk = CommunicationDesk()
    /// Whether the node is a front-end that follows another on a shared store (``FrontEnd``): it serves reads and
    /// writes nothing.
    let following = Mutex(false)

    /// Wraps a store that holds a forum, or will once `genesis` is appended; see
    /// ``prepare(store:nodeSigner:origin:founding:logger:)``.
    init(
        store: Store, nodeSigner: NoteSigner, state: ForumState, entryCount: UInt64, exchange: (lastDateAdded: Int64, secret: [UInt8]),
        genesis: ActRecord? = nil, maximumBatchSize: Int = 4096
    ) throws {
        self.store = store
        self.nodeSigner = nodeSigner
        self.pendingGenesis = Mutex(genesis)
        self.log = try ForumLog(store: store, nodeSigner: nodeSigner, forumOrigin: state.origin)
        let sequencer = ActSequencer(store: store, state: state, nextIndex: entryCount, gate: gate)
        let batcher = AppendBatcher<VerifiedAct, ActReceipt>(maximumBatchSize: maximumBatchSize) { batch in await sequencer.commit(batch) }
        let nodeActs = NodeActs(signer: nodeSigner, sequencer: sequencer, batcher: batcher, gate: gate)
        self.sequencer = sequencer
        self.batcher = batcher
        self.nodeActs = nodeActs
        self.commits = sequencer.commits
        self.exchange = ForumExchange(store: store, nodeActs: nodeActs, lastDateAdded: exchange.lastDateAdded, cursorSecret: exchange.secret)
        log.requireCosignatures(!state.witnesses.isEmpty)
    }

    /// Sends every checkpoint the log publishes to the members' registered witnesses from now on (``WitnessCollector``).
    /// - Parameters:
    ///   - makeTransport: Makes the transport that reaches a witness (HTTP, in `roundtable serve`).
    ///   - logger: Where witnesses' failures are reported.
    public func collectCosignatures(makeTransport: @escaping WitnessTransportMaker, logger: Logger) {
        collector.withLock { $0 = WitnessCollector(log: log, makeTransport: makeTransport, logger: logger) }
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

    /// Returns once ``start(setUp:)`` has finished, or the node has halted; the services that write wait for it.
    public func waitUntilStarted() async { await gate.waitUntilStarted() }

    /// Why the node does not count as started and accepting acts (starting, or stopped writing), or `nil`: what
    /// `/healthz` reports.
    public var writeProblem: ForumNodeError? { gate.problem }

    /// Whether the node follows another front-end on a shared store, serving reads while that one writes.
    public var isFollowing: Bool { following.withLock { $0 } }

    /// Integrates the entries the node has committed into the log's tiles and signs a checkpoint if the tree grew.
    ///
    /// Only the node's own entries are integrated, up to the last index it committed, and nothing once it halted: a
    /// checkpoint never covers entries that something else wrote into the store.
    /// - Returns: The checkpoint published, if any.
    @discardableResult
    public func publishLog() async throws -> [UInt8]? {
        if case .halted(let reason) = gate.problem { throw ForumNodeError.halted(reason) }
        // A front-end that follows another signs nothing: the leader integrates and publishes.
        if isFollowing { return nil }
        let note = try await log.integrateAndPublish(upTo: sequencer.committedSize)
        let state = self.state
        log.requireCosignatures(!state.witnesses.isEmpty)
        if !state.witnesses.isEmpty, let collector = collector.withLock({ $0 }), let latest = try await log.signedCheckpoint() {
            try collector.offer(latest, state: state)
        }
        return note
    }

    /// The forum's state as of the last commit.
    public var state: ForumState { sequencer.state }

    /// How long the clerks' acts wait to join the next commit of members' acts before committing on their own: the
    /// communication clerk's (checks, deliveries, overdue acts) and the governance clerk's (circulating proposals,
    /// opening calls and ballots, closing ballots, deciding). In a busy forum they then cost no durable commit of their
    /// own; in a quiet one they are written this much later. The node's other acts (an exchange's record, an
    /// operator's act) never wait, and end the wait of clerks' acts queued before them.
    static var clerkPatience: Duration { .milliseconds(5) }

    /// Verifies a submitted act and appends it to the log.
    /// - Parameter entry: The signed note's bytes, exactly as submitted.
    /// - Returns: Where the act stands in the log.
    /// - Throws: ``ActError`` when the act is refused; nothing is written then.
    ///
    /// The signatures are checked on the calling task: `roundtable serve` runs Swift concurrency on the event loops
    /// that serve the connections, so a request is read, verified and queued for its commit on one thread, with no
    /// hand-off.
    public func submit(_ entry: [UInt8]) async throws -> ActReceipt {
        try await submit(entry, sealed: nil)
    }

    /// Verifies a submitted act and the sealed document it commits to (a contact's details, a request's or an answer's
    /// content), and appends the act to the log and the document beside it, in one transaction.
    /// - Parameters:
    ///   - entry: The signed note's bytes, exactly as submitted.
    ///   - document: The sealed document's bytes, exactly as hashed; `nil` for an act that commits to none.
    /// - Returns: Where the act stands in the log.
    /// - Throws: ``ActError`` when the act or the document is refused; nothing is written then.
    public func submit(_ entry: [UInt8], sealed document: [UInt8]?) async throws -> ActReceipt {
        do {
            return try await verifyAndAppend(entry, sealed: document)
        } catch {
            NodeMetrics.refused(error)
            throw error
        }
    }

    private func verifyAndAppend(_ entry: [UInt8], sealed document: [UInt8]?) async throws -> ActReceipt {
        try gate.check()
        let state = self.state
        var verified = try state.verify(entry: entry)
        if let record = try state.sealedRecord(for: verified.act, document: document) {
            verified.attachments = { index in [.communicationRecorded(record(index))] }
        }
        if case .propose(let draft) = verified.act.body, try await !store.hasDocument(draft.document) {
            throw ActError(
                .unknownDocument,
                "the node has no document \(Hex.encode(draft.document)); POST the proposal's text to /api/v1/documents first")
        }
        // Resumed on the event loop it was submitted from, which serves its connection, rather than on the committer's.
        var handOff: AppendHandOff?
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop { handOff = { resume in loop.execute(resume) } }
        let receipt = try await batcher.submit(verified, handOff: handOff)
        communicated(verified.act.body, by: verified.act.actor, at: receipt.index)
        return receipt
    }

    /// Stores a document that proposals may name by its SHA-256; like an act, refused before the node started and once
    /// it halted. Storing the same document again changes nothing.
    /// - Parameter document: The document.
    /// - Throws: ``ForumNodeError`` when the node does not write; the store's error.
    public func storeDocument(_ document: StoredDocument) async throws {
        try gate.check()
        try await store.store(document)
    }

    /// Writes the acts the node owes the forum now (``ForumState/dueNodeActs(now:)``), each signed with the node key
    /// and ordered like any member's act, queued together to share a commit.
    /// - Parameter now: The node's clock.
    /// - Returns: The receipts of the acts written; an act that a member's act overtook is refused and left for the
    ///   next call, with those after it.
    @discardableResult
    public func performDueActs(now: Timestamp) async throws -> [ActReceipt] {
        try await perform(state.dueNodeActs(now: now).map { NodeAct(body: $0, attachments: nil) })
    }

    /// Writes one of the node's own acts, signed with the node key and ordered like any member's act; see
    /// ``NodeActs/perform(_:attachments:)``.
    /// - Parameters:
    ///   - body: What the act does.
    ///   - attachments: Changes the store writes with the act, given the act's log index.
    /// - Throws: ``ActError`` when the act does not follow the rules, ``ForumNodeError/nodeActUnreadable(_:_:)`` when
    ///   its text would not read back (a fault of the node); nothing is written then.
    @discardableResult
    public func perform(_ body: Act.Body, attachments: (@Sendable (UInt64) -> [ForumChange])? = nil) async throws -> ActReceipt {
        let receipt = try await nodeActs.perform(body, attachments: attachments)
        communicated(body, by: .node, at: receipt.index)
        return receipt
    }

    /// Writes several of the node's acts together, sharing a commit (``NodeActs/perform(_:patience:)``): the clerks'
    /// acts, which wait up to ``clerkPatience`` to join the next commit of members' acts.
    /// - Returns: The receipts of the acts written. An act refused with an ``ActError`` (a member's act overtook it) is
    ///   left out, and so are those after it, for the next run to write again.
    /// - Throws: ``ForumNodeError/nodeActUnreadable(_:_:)`` when an act's text would not read back, nothing written
    ///   then; any other failure of a commit, once the acts written before it are reported.
    func perform(_ acts: [NodeAct]) async throws -> [ActReceipt] {
        var receipts: [ActReceipt] = []
        var failure: (any Error)?
        for (act, result) in zip(acts, try await nodeActs.perform(acts, patience: Self.clerkPatience)) {
            switch result {
            case .success(let receipt):
                communicated(act.body, by: .node, at: receipt.index)
                receipts.append(receipt)
            case .failure(let error) where error is ActError: continue
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return receipts
    }
}
