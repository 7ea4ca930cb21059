/// The counts of a recorded ballot and the decision they lead to, by the tally algorithm of the rules of
/// procedure (docs/governance.md §5).
public struct Tally: Hashable, Sendable, Codable {
    /// The members entitled to vote: the electorate frozen when the ballot opened.
    public var electorate: Int
    /// Yes votes.
    public var yes: Int
    /// No votes.
    public var no: Int
    /// Abstentions: present, but not voting.
    public var abstain: Int

    /// Creates a tally.
    /// - Parameters:
    ///   - electorate: The size of the electorate.
    ///   - yes: Yes votes.
    ///   - no: No votes.
    ///   - abstain: Abstentions.
    public init(electorate: Int, yes: Int = 0, no: Int = 0, abstain: Int = 0) {
        self.electorate = electorate
        self.yes = yes
        self.no = no
        self.abstain = abstain
    }

    /// Members that cast any vote, abstentions included.
    public var present: Int { yes + no + abstain }
    /// Members present and voting: yes + no.
    public var presentAndVoting: Int { yes + no }

    /// The outcome under a quorum and a threshold.
    ///
    /// Quorum needs the members present to be strictly more than the quorum fraction of the electorate; without it
    /// there is no decision (not a rejection). With no yes or no vote the proposal is rejected; otherwise the
    /// threshold decides, and a tie rejects.
    /// - Parameters:
    ///   - quorum: The quorum fraction of the electorate, 1/2 by default rules.
    ///   - threshold: The majority needed.
    public func outcome(quorum: Fraction, threshold: Threshold) -> Outcome {
        guard quorum.isExceeded(by: present, of: electorate) else { return .noDecision }
        guard presentAndVoting > 0 else { return .rejected }
        return threshold.isMet(yes: yes, no: no) ? .adopted : .rejected
    }
}

/// How a proposal ended.
public enum Outcome: String, Hashable, Sendable, Codable {
    /// Adopted in a recorded ballot.
    case adopted
    /// Adopted at the end of the consensus call, no member having asked for a vote.
    case adoptedWithoutVote = "adopted-without-vote"
    /// Rejected in a recorded ballot (including a tie and an all-abstain ballot).
    case rejected
    /// No decision: too few members took part for a quorum. Not a rejection.
    case noDecision = "no-decision"

    /// Whether the proposal takes effect.
    public var isAdoption: Bool { self == .adopted || self == .adoptedWithoutVote }
}
