public import Hummingbird
public import RoundtableDomain
import TransparencyLog

/// A proposal as `GET /api/v1/proposals/{id}` shows it: its text hash, stage, timeline, votes, tally and decision.
public struct ProposalDTO: ResponseEncodable, Decodable, Sendable {
    /// A step of the proposal's life.
    public struct Event: Codable, Sendable {
        /// `proposed`, `circulated`, `consensus-call`, `objection`, `ballot`, `closed`, `decided` or `withdrawn`.
        public let event: String
        /// The log index of the act.
        public let index: UInt64
        /// The node's time, for its acts.
        public let at: String?
        /// The member, for members' acts.
        public let member: String?
    }

    /// A vote as it stands.
    public struct Vote: Codable, Sendable {
        /// The member.
        public let member: String
        /// `yes`, `no` or `abstain`.
        public let choice: String
        /// The log index of the vote that counts.
        public let index: UInt64
        /// How many earlier votes it replaced.
        public let replaced: Int
    }

    /// A vote act as cast.
    public struct Cast: Codable, Sendable {
        /// The member.
        public let member: String
        /// `yes`, `no` or `abstain`.
        public let choice: String
        /// The log index of the vote act.
        public let index: UInt64
    }

    /// Counts of a ballot.
    public struct Counts: Codable, Sendable, Equatable {
        public let electorate: Int
        public let yes: Int
        public let no: Int
        public let abstain: Int

        /// The counts of a tally.
        public init(_ tally: Tally) {
            electorate = tally.electorate
            yes = tally.yes
            no = tally.no
            abstain = tally.abstain
        }
    }

    /// A recorded ballot.
    public struct Ballot: Codable, Sendable {
        public let index: UInt64
        public let opens: String
        public let closes: String
        public let threshold: String
        public let quorum: String
        public let rulesVersion: Int
        public let electorate: [String]
        public let votes: [Vote]
        /// Every vote act, in log order, including votes a later one replaced.
        public let cast: [Cast]
        /// The running tally of the votes as they stand.
        public let tally: Counts
        public let closedAt: UInt64?

        enum CodingKeys: String, CodingKey {
            case index, opens, closes, threshold, quorum, electorate, votes, cast, tally
            case rulesVersion = "rules_version"
            case closedAt = "closed_at"
        }
    }

    /// The decision.
    public struct Decision: Codable, Sendable {
        public let index: UInt64?
        public let at: String
        /// `adopted`, `adopted-without-vote`, `rejected` or `no-decision`.
        public let outcome: String
        public let threshold: String?
        public let quorum: String?
        public let counts: Counts?
        /// The `ballot` and `close` acts whose in-between votes were counted.
        public let counted: [UInt64]?
    }

    /// An explanation of vote.
    public struct Explanation: Codable, Sendable {
        public let member: String
        public let index: UInt64
        public let text: String
    }

    public let id: UInt64
    public let kind: String
    public let title: String
    public let proposer: String
    public let stage: String
    /// The SHA-256 of the full text.
    public let textSha256: String
    /// Where to read the full text.
    public let textURL: String
    /// For admissions, suspensions and rules amendments: what adoption changes, as the act's lines state it.
    public let subject: [String]
    public let timeline: [Event]
    public let objections: [String]
    public let ballot: Ballot?
    public let explanations: [Explanation]
    public let decision: Decision?

    enum CodingKeys: String, CodingKey {
        case id, kind, title, proposer, stage, subject, timeline, objections, ballot, explanations, decision
        case textSha256 = "text_sha256"
        case textURL = "text_url"
    }

    init(_ proposal: Proposal) {
        id = proposal.id
        kind = proposal.draft.kind.rawValue
        title = proposal.draft.title
        proposer = proposal.proposer.rawValue
        stage = proposal.stage.rawValue
        textSha256 = Hex.encode(proposal.draft.document)
        textURL = "/api/v1/documents/\(textSha256)"
        switch proposal.draft.subject {
        case .none: subject = []
        case .admission(let member): subject = ["admit \(member.id) \(member.key) \(member.displayName)"]
        case .suspension(let id): subject = ["suspend \(id)"]
        case .rules(let settings): subject = settings.map { "rule \($0)" }
        }
        timeline = proposal.timeline.map { Event(event: $0.kind.rawValue, index: $0.index, at: $0.at?.description, member: $0.member?.rawValue) }
        objections = proposal.objections.map(\.rawValue)
        ballot = proposal.ballot.map { ballot in
            Ballot(
                index: ballot.index, opens: ballot.opening.opens.description, closes: ballot.opening.closes.description,
                threshold: ballot.opening.threshold.rawValue, quorum: ballot.opening.quorum.description, rulesVersion: ballot.opening.rulesVersion,
                electorate: ballot.electorate.map(\.rawValue).sorted(),
                votes: ballot.votes.sorted { $0.key < $1.key }.map {
                    Vote(member: $0.key.rawValue, choice: $0.value.choice.rawValue, index: $0.value.index, replaced: $0.value.replaced)
                },
                cast: ballot.cast.map { Cast(member: $0.member.rawValue, choice: $0.choice.rawValue, index: $0.index) },
                tally: Counts(ballot.tally), closedAt: ballot.closedAt)
        }
        explanations = proposal.explanations.map { Explanation(member: $0.member.rawValue, index: $0.index, text: $0.text) }
        decision = proposal.decision.map { record in
            Decision(
                index: proposal.decisionIndex, at: record.at.description, outcome: record.outcome.rawValue,
                threshold: record.count?.threshold.rawValue, quorum: record.count?.quorum.description,
                counts: record.count.map { Counts($0.tally) }, counted: record.counted.map { [$0.lowerBound, $0.upperBound] })
        }
    }
}
