/// A ballot's opening as the node's `ballot` act states it.
public struct BallotOpening: Hashable, Sendable, Codable {
    /// The proposal put to the vote.
    public let proposal: UInt64
    /// When the ballot opened, by the node's clock.
    public let opens: Timestamp
    /// When the node will close it: `opens` plus the voting window in force.
    public let closes: Timestamp
    /// The majority needed.
    public let threshold: Threshold
    /// The quorum fraction in force.
    public let quorum: Fraction
    /// How many members make up the electorate: the active members when the ballot opens.
    public let electorate: Int
    /// The version of the rules the ballot is counted under.
    public let rulesVersion: Int

    /// Creates an opening.
    public init(proposal: UInt64, opens: Timestamp, closes: Timestamp, threshold: Threshold, quorum: Fraction, electorate: Int, rulesVersion: Int) {
        self.proposal = proposal
        self.opens = opens
        self.closes = closes
        self.threshold = threshold
        self.quorum = quorum
        self.electorate = electorate
        self.rulesVersion = rulesVersion
    }
}

/// The node's `decision` act: how a proposal ended and why.
public struct DecisionRecord: Hashable, Sendable, Codable {
    /// What a ballot counted.
    public struct Count: Hashable, Sendable, Codable {
        /// The majority applied.
        public let threshold: Threshold
        /// The quorum fraction applied.
        public let quorum: Fraction
        /// The votes counted and the electorate's size.
        public let tally: Tally

        /// Creates a count.
        public init(threshold: Threshold, quorum: Fraction, tally: Tally) {
            self.threshold = threshold
            self.quorum = quorum
            self.tally = tally
        }
    }

    /// The proposal decided.
    public let proposal: UInt64
    /// When, by the node's clock.
    public let at: Timestamp
    /// The outcome.
    public let outcome: Outcome
    /// The ballot's count; `nil` for adoption without a vote.
    public let count: Count?
    /// For a ballot, the log range that was counted: the votes strictly between the `ballot` act and the `close`
    /// act, the bounds of this range. `nil` for adoption without a vote.
    public let counted: ClosedRange<UInt64>?

    /// Creates a record.
    public init(proposal: UInt64, at: Timestamp, outcome: Outcome, count: Count?, counted: ClosedRange<UInt64>?) {
        self.proposal = proposal
        self.at = at
        self.outcome = outcome
        self.count = count
        self.counted = counted
    }
}
