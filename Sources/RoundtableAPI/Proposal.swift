extension API {
    /// `GET /api/v1/proposals/{id}`: a proposal's text hash, stage, timeline, votes, tally and decision.
    public struct Proposal: Codable, Sendable, Equatable {
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
        /// The SHA-256 of the full text, in hex.
        public var textSha256: String
        /// Where to read the full text.
        public var textURL: String
        /// For admissions, suspensions and rules amendments: what adoption changes, as the act's lines state it.
        public var subject: [String]
        /// Every step of its life, in log order.
        public var timeline: [Event]
        /// The members who objected during a consensus call.
        public var objections: [String]
        /// The ballot, once one opened.
        public var ballot: Ballot?
        /// The explanations of vote.
        public var explanations: [Explanation]
        /// The decision, once taken.
        public var decision: Decision?

        /// Creates a value.
        public init(
            id: UInt64, kind: String, title: String, proposer: String, stage: String, textSha256: String, textURL: String, subject: [String],
            timeline: [Event], objections: [String], ballot: Ballot?, explanations: [Explanation], decision: Decision?
        ) {
            self.id = id
            self.kind = kind
            self.title = title
            self.proposer = proposer
            self.stage = stage
            self.textSha256 = textSha256
            self.textURL = textURL
            self.subject = subject
            self.timeline = timeline
            self.objections = objections
            self.ballot = ballot
            self.explanations = explanations
            self.decision = decision
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, title, proposer, stage, subject, timeline, objections, ballot, explanations, decision
            case textSha256 = "text_sha256"
            case textURL = "text_url"
        }
    }
}

extension API.Proposal {
    /// A step of the proposal's life.
    public struct Event: Codable, Sendable, Equatable {
        /// `proposed`, `circulated`, `consensus-call`, `objection`, `ballot`, `closed`, `decided` or `withdrawn`.
        public var event: String
        /// The log index of the act.
        public var index: UInt64
        /// The node's time, for its acts.
        public var at: String?
        /// The member, for members' acts.
        public var member: String?

        /// Creates a value.
        public init(event: String, index: UInt64, at: String?, member: String?) {
            self.event = event
            self.index = index
            self.at = at
            self.member = member
        }
    }

    /// A vote as it stands.
    public struct Vote: Codable, Sendable, Equatable {
        /// The member.
        public var member: String
        /// `yes`, `no` or `abstain`.
        public var choice: String
        /// The log index of the vote that counts.
        public var index: UInt64
        /// How many earlier votes it replaced.
        public var replaced: Int

        /// Creates a value.
        public init(member: String, choice: String, index: UInt64, replaced: Int) {
            self.member = member
            self.choice = choice
            self.index = index
            self.replaced = replaced
        }
    }

    /// A vote act as cast.
    public struct Cast: Codable, Sendable, Equatable {
        /// The member.
        public var member: String
        /// `yes`, `no` or `abstain`.
        public var choice: String
        /// The log index of the vote act.
        public var index: UInt64

        /// Creates a value.
        public init(member: String, choice: String, index: UInt64) {
            self.member = member
            self.choice = choice
            self.index = index
        }
    }

    /// Counts of a ballot.
    public struct Counts: Codable, Sendable, Equatable {
        /// How many members may vote.
        public var electorate: Int
        /// Votes for.
        public var yes: Int
        /// Votes against.
        public var no: Int
        /// Abstentions.
        public var abstain: Int

        /// Creates a value.
        public init(electorate: Int, yes: Int, no: Int, abstain: Int) {
            self.electorate = electorate
            self.yes = yes
            self.no = no
            self.abstain = abstain
        }
    }

    /// A recorded ballot.
    public struct Ballot: Codable, Sendable, Equatable {
        /// The log index of the `ballot` act.
        public var index: UInt64
        /// When voting opens (RFC 3339, UTC).
        public var opens: String
        /// When voting closes (RFC 3339, UTC).
        public var closes: String
        /// The majority required: `simple`, `two-thirds` or `consensus`.
        public var threshold: String
        /// The share of the electorate that must vote, as a fraction (`1/2`).
        public var quorum: String
        /// The version of the rules the ballot runs under.
        public var rulesVersion: Int
        /// The members who may vote, by id.
        public var electorate: [String]
        /// The votes as they stand, by member.
        public var votes: [Vote]
        /// Every vote act, in log order, including votes a later one replaced.
        public var cast: [Cast]
        /// The running tally of the votes as they stand.
        public var tally: Counts
        /// The log index of the `close` act, once closed.
        public var closedAt: UInt64?

        /// Creates a value.
        public init(
            index: UInt64, opens: String, closes: String, threshold: String, quorum: String, rulesVersion: Int, electorate: [String],
            votes: [Vote], cast: [Cast], tally: Counts, closedAt: UInt64?
        ) {
            self.index = index
            self.opens = opens
            self.closes = closes
            self.threshold = threshold
            self.quorum = quorum
            self.rulesVersion = rulesVersion
            self.electorate = electorate
            self.votes = votes
            self.cast = cast
            self.tally = tally
            self.closedAt = closedAt
        }

        enum CodingKeys: String, CodingKey {
            case index, opens, closes, threshold, quorum, electorate, votes, cast, tally
            case rulesVersion = "rules_version"
            case closedAt = "closed_at"
        }
    }

    /// The decision.
    public struct Decision: Codable, Sendable, Equatable {
        /// The log index of the `decide` act.
        public var index: UInt64?
        /// When it was taken (RFC 3339, UTC).
        public var at: String
        /// `adopted`, `adopted-without-vote`, `rejected` or `no-decision`.
        public var outcome: String
        /// The majority that was required, when a ballot decided.
        public var threshold: String?
        /// The quorum that was required, when a ballot decided.
        public var quorum: String?
        /// The final counts, when a ballot decided.
        public var counts: Counts?
        /// The `ballot` and `close` acts whose in-between votes were counted.
        public var counted: [UInt64]?

        /// Creates a value.
        public init(index: UInt64?, at: String, outcome: String, threshold: String?, quorum: String?, counts: Counts?, counted: [UInt64]?) {
            self.index = index
            self.at = at
            self.outcome = outcome
            self.threshold = threshold
            self.quorum = quorum
            self.counts = counts
            self.counted = counted
        }
    }

    /// An explanation of vote.
    public struct Explanation: Codable, Sendable, Equatable {
        /// The member.
        public var member: String
        /// The log index of the `explain` act.
        public var index: UInt64
        /// The explanation's text.
        public var text: String

        /// Creates a value.
        public init(member: String, index: UInt64, text: String) {
            self.member = member
            self.index = index
            self.text = text
        }
    }
}
