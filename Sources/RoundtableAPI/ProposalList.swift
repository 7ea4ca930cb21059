extension API {
    /// A line of `GET /api/v1/proposals`.
    public struct ProposalSummary: Codable, Sendable, Equatable {
        /// The proposal's number.
        public var id: UInt64
        /// `resolution`, `admission`, `suspension` or `rules`.
        public var kind: String
        /// Its title.
        public var title: String
        /// The proposing member.
        public var proposer: String
        /// Where it stands (`docs/governance.md`).
        public var stage: String
        /// The outcome once decided.
        public var outcome: String?

        /// Creates a value.
        public init(id: UInt64, kind: String, title: String, proposer: String, stage: String, outcome: String?) {
            self.id = id
            self.kind = kind
            self.title = title
            self.proposer = proposer
            self.stage = stage
            self.outcome = outcome
        }
    }

    /// `GET /api/v1/proposals`: every proposal, by number.
    public struct ProposalList: Codable, Sendable, Equatable {
        /// The proposals, by number.
        public var proposals: [ProposalSummary]

        /// Creates a value.
        public init(proposals: [ProposalSummary]) { self.proposals = proposals }
    }
}
