/// The forum's governance as the log's acts have made it: the rules in force and their history, every proposal,
/// and the node's clock (the time on its last act).
public struct Governance: Hashable, Sendable, Codable {
    /// A version of the rules of procedure and the decision that adopted it.
    public struct RulesVersion: Hashable, Sendable, Codable {
        /// 1 for the genesis rules, then one more for each adopted amendment.
        public let version: Int
        /// The rules.
        public let rules: Rules
        /// The amendment proposal that adopted them; `nil` for the genesis rules.
        public let proposal: UInt64?
        /// The log index from which they apply: the genesis or the adopting decision.
        public let since: UInt64
    }

    /// Every proposal, by id (the log index of its `propose` act).
    public private(set) var proposals: [UInt64: Proposal] = [:]
    /// The ids of the proposals that are not yet decided or withdrawn.
    public private(set) var openProposals: Set<UInt64> = []
    /// Every version of the rules, oldest first; the last is in force.
    public private(set) var rulesHistory: [RulesVersion]
    /// The time on the node's last act, if it wrote any since the genesis.
    public private(set) var clock: Timestamp?

    /// The governance of a new forum.
    /// - Parameter rules: The rules its genesis names.
    public init(rules: Rules) {
        rulesHistory = [RulesVersion(version: 1, rules: rules, proposal: nil, since: 0)]
    }

    /// The rules in force.
    public var rules: Rules { rulesHistory[rulesHistory.count - 1].rules }
    /// The version number of the rules in force.
    public var rulesVersion: Int { rulesHistory.count }

    mutating func record(_ proposal: Proposal) {
        proposals[proposal.id] = proposal
        if proposal.stage.isFinal { openProposals.remove(proposal.id) } else { openProposals.insert(proposal.id) }
    }

    mutating func recordVote(proposal id: UInt64, member: MemberID, vote: Proposal.RecordedVote) {
        proposals[id]?.ballot?.record(vote, by: member)
    }

    mutating func adopt(_ rules: Rules, proposal: UInt64, since index: UInt64) {
        rulesHistory.append(RulesVersion(version: rulesHistory.count + 1, rules: rules, proposal: proposal, since: index))
    }

    mutating func advanceClock(to time: Timestamp) { clock = time }
}
