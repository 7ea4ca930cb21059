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
        let id = try ballot(
            .suspension, title: "Suspension of \(member)", subject: .suspension(try MemberID(member)), proposer: proposer,
            votes: [(proposer, .yes), (member, .abstain)])
        guard proposal(id)?.decision?.outcome == .adopted else { throw ActError(.wrongDecision, "the suspension was not adopted") }
    }

    /// Puts a question to a recorded ballot under the forum's rules: `proposer` proposes it and asks for a recorded
    /// vote, the members vote in the order given, and the clock moves to the end of the voting window, where the node
    /// closes the ballot and, if `decide`, writes its decision.
    /// - Parameters:
    ///   - kind: The kind of question.
    ///   - title: Its title.
    ///   - subject: What an adoption would change.
    ///   - proposer: The member proposing it.
    ///   - votes: The votes cast, in order.
    ///   - decide: `false` to stop after the close, with the decision due.
    /// - Returns: The proposal's id.
    @discardableResult
    public mutating func ballot(
        _ kind: ProposalKind = .norm, title: String = "A norm", subject: ProposalDraft.Subject = .none, proposer: String,
        votes: [(String, VoteChoice)], decide: Bool = true
    ) throws -> UInt64 {
        let rules = state.governance.rules
        let id = try propose(proposer, kind, title: title, subject: subject)
        try runClerk()
        try advance(rules.circulation)
        try act(proposer, .object(proposal: id, reason: nil))
        try runClerk()
        for (member, choice) in votes { try act(member, .vote(proposal: id, choice: choice)) }
        guard decide else {
            now = now.adding(rules.votingWindow)
            try nodeAct(.close(proposal: id, at: now))
            return id
        }
        try advance(rules.votingWindow)
        return id
    }

    /// The decision the node owes on a closed ballot, with the opposite outcome (adopted for rejected, else rejected),
    /// signed with the node key: what an operator forging a decision would write. The scenario does not take it.
    /// - Parameter id: The proposal, closed and not yet decided.
    /// - Returns: The forged act's entry.
    public func forgedDecision(of id: UInt64) throws -> [UInt8] {
        guard let honest = state.dueNodeActs(now: now).lazy.compactMap({ body -> DecisionRecord? in
            if case .decision(let record) = body, record.proposal == id { record } else { nil }
        }).first
        else { throw ActError(.wrongStage, "proposal \(id) owes no decision") }
        let forged = DecisionRecord(
            proposal: id, at: honest.at, outcome: honest.outcome == .rejected ? .adopted : .rejected, count: honest.count, counted: honest.counted)
        let act = Act(origin: state.origin, actor: .node, sequence: state.nodeSequence + 1, body: .decision(forged))
        return try act.signed(by: [forum.node]).bytes
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
