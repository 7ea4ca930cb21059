public import RoundtableDomain
public import TransparencyLog

/// A forum's record built act by act in memory, for governance tests without I/O: members act, the clock moves,
/// and the node's due acts are written as the node's clerk would write them.
public struct GovernanceScenario: Sendable {
    /// The forum's keys.
    public let forum: TestForum
    /// The state after every act so far.
    public private(set) var state: ForumState
    /// Every accepted act's bytes, from the genesis on; the index of an act is its position here.
    public private(set) var entries: [[UInt8]]
    /// The node's clock.
    public var now = Timestamp(seconds: 1_800_000_000)
    private var extraKeys: [String: NoteSigner] = [:]

    /// Starts a forum with the test forum's members and rules.
    /// - Parameter forum: The forum's keys and rules.
    public init(forum: TestForum) throws {
        self.forum = forum
        let genesis = try forum.genesis
        state = try ForumState.genesis(genesis).state
        entries = [try genesis.signed(by: [forum.node]).bytes]
    }

    /// The index the next act gets.
    public var nextIndex: UInt64 { UInt64(entries.count) }

    /// Signs and submits an act by a member, as `POST /api/v1/acts` would.
    /// - Parameters:
    ///   - member: The member id.
    ///   - body: What the act does.
    ///   - seq: The sequence number; the member's next by default.
    /// - Returns: The act's log index.
    @discardableResult
    public mutating func act(_ member: String, _ body: Act.Body, seq: UInt64? = nil) throws -> UInt64 {
        let id = try MemberID(member)
        let sequence = seq ?? (state.members[id]?.lastSequence ?? 0) + 1
        let signer = extraKeys[member] ?? forum.keys[member] ?? NoteSigner.placeholder
        let entry = try forum.act(by: member, seq: sequence, body, signer: signer)
        return try accept(state.verify(entry: entry))
    }

    /// Proposes a question by a member, with a text of its own.
    /// - Returns: The proposal's id.
    @discardableResult
    public mutating func propose(
        _ member: String, _ kind: ProposalKind = .norm, title: String = "A norm", subject: ProposalDraft.Subject = .none
    ) throws -> UInt64 {
        var document = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: nextIndex.bigEndian) { document.replaceSubrange(0..<8, with: $0) }
        return try act(member, .propose(try ProposalDraft(kind: kind, title: title, document: document, subject: subject)))
    }

    /// Writes one act of the node, signed with the node key.
    /// - Parameter body: What the act does.
    /// - Returns: The act's log index.
    @discardableResult
    public mutating func nodeAct(_ body: Act.Body) throws -> UInt64 {
        let act = Act(origin: state.origin, actor: .node, sequence: state.nodeSequence + 1, body: body)
        return try accept(VerifiedAct(nodeAct: act, signedBy: forum.node))
    }

    /// Writes every act the node owes at ``now``, until it owes none.
    /// - Returns: The bodies written.
    @discardableResult
    public mutating func runClerk() throws -> [Act.Body] {
        var written: [Act.Body] = []
        while case let due = state.dueNodeActs(now: now), !due.isEmpty {
            for body in due { try nodeAct(body) }
            written += due
        }
        return written
    }

    /// Moves the clock on and runs the clerk.
    /// - Parameter seconds: How far to move the clock.
    @discardableResult
    public mutating func advance(_ seconds: Int64) throws -> [Act.Body] {
        now = now.adding(seconds)
        return try runClerk()
    }

    /// Suspends a member by decision under the forum's rules: `proposer` proposes it, asks for a recorded vote and
    /// votes yes; the member itself abstains. Suits a forum of three members.
    /// - Parameters:
    ///   - member: The member to suspend.
    ///   - proposer: The member proposing it.
    public mutating func suspend(_ member: String, proposer: String) throws {
        let rules = state.governance.rules
        let id = try propose(proposer, .suspension, title: "Suspension of \(member)", subject: .suspension(try MemberID(member)))
        try runClerk()
        try advance(rules.circulation)
        try act(proposer, .object(proposal: id, reason: nil))
        try runClerk()
        try act(proposer, .vote(proposal: id, choice: .yes))
        try act(member, .vote(proposal: id, choice: .abstain))
        try advance(rules.votingWindow)
        guard proposal(id)?.decision?.outcome == .adopted else { throw ActError(.wrongDecision, "the suspension was not adopted") }
    }

    /// A key for a member admitted later, so that its acts can be signed.
    /// - Parameter member: The member id.
    public mutating func newKey(for member: String) throws -> NoteVerifier {
        let signer = try NoteSigner.generate(name: "\(member).test/key")
        extraKeys[member] = signer
        return signer.verifier
    }

    /// The proposal with this id.
    public func proposal(_ id: UInt64) -> Proposal? { state.governance.proposals[id] }

    private mutating func accept(_ verified: VerifiedAct) throws -> UInt64 {
        let index = nextIndex
        state.apply(try state.check(verified, at: index))
        entries.append(verified.entry)
        return index
    }
}

extension NoteSigner {
    /// A key nobody registered, for acts by non-members.
    static let placeholder = try! NoteSigner.generate(name: "nobody.test/key")
}
