/// A proposal as the log's acts have made it: its draft, where it stands, its timeline, votes and decision.
///
/// The proposal's id is the log index of the `propose` act that submitted it.
public struct Proposal: Hashable, Sendable, Codable {
    /// Where a proposal stands. Life: submitted → circulated → consensus call → decided (adopted without a vote),
    /// or, when a member asks for a recorded vote, → ballot → closed → decided. Withdrawn before voting starts.
    public enum Stage: String, Hashable, Sendable, Codable {
        /// Accepted into the log; the node circulates it next.
        case submitted
        /// Circulating for the circulation period before the consensus call.
        case circulated
        /// The consensus call (silence procedure): any member may ask for a recorded vote.
        case consensusCall = "consensus-call"
        /// A recorded ballot is open.
        case ballot
        /// The ballot closed; the node's decision follows.
        case closed
        /// Decided: see ``Proposal/decision``.
        case decided
        /// Withdrawn by its proposer before voting started.
        case withdrawn

        /// Whether the proposal can still change.
        public var isFinal: Bool {
            switch self {
            case .decided, .withdrawn: true
            case .submitted, .circulated, .consensusCall, .ballot, .closed: false
            }
        }
    }

    /// One step in a proposal's life, with the log entry that made it.
    public struct Event: Hashable, Sendable, Codable {
        /// What happened. The raw values are the words the API and the web pages show; they must not change.
        public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
            /// A member submitted the proposal.
            case proposed
            /// The node circulated it.
            case circulated
            /// The node opened the consensus call.
            case consensusCall = "consensus-call"
            /// A member asked for a recorded vote.
            case objection
            /// The node opened a recorded ballot.
            case ballot
            /// The node closed the ballot.
            case closed
            /// The node recorded the decision.
            case decided
            /// The proposer withdrew it.
            case withdrawn
        }

        /// What happened.
        public let kind: Kind
        /// The log index of the act.
        public let index: UInt64
        /// The node's time, for the node's acts.
        public let at: Timestamp?
        /// The member who acted, for members' acts.
        public let member: MemberID?
    }

    /// A member's vote as it stands: the last one it cast.
    public struct RecordedVote: Hashable, Sendable, Codable {
        /// The choice.
        public let choice: VoteChoice
        /// The log index of the vote act that counts.
        public let index: UInt64
        /// How many earlier votes of this member on this ballot it replaced.
        public let replaced: Int
    }

    /// A vote act as it was cast, whether or not a later vote of the same member replaced it.
    public struct CastVote: Hashable, Sendable, Codable {
        /// The member.
        public let member: MemberID
        /// The choice.
        public let choice: VoteChoice
        /// The log index of the vote act.
        public let index: UInt64
    }

    /// An explanation of vote.
    public struct Explanation: Hashable, Sendable, Codable {
        /// The member explaining.
        public let member: MemberID
        /// The log index of the act.
        public let index: UInt64
        /// The explanation.
        public let text: String
        /// Its language (a BCP 47 tag), when the act declares it; otherwise the forum's.
        public let language: String?
    }

    /// A recorded ballot.
    public struct Ballot: Hashable, Sendable, Codable {
        /// The node's opening act.
        public let opening: BallotOpening
        /// The log index of the opening act.
        public let index: UInt64
        /// The members entitled to vote, frozen when the ballot opened.
        public let electorate: Set<MemberID>
        /// Each member's vote as it stands.
        public internal(set) var votes: [MemberID: RecordedVote] = [:]
        /// Every vote cast, in log order, including those a later vote replaced.
        public internal(set) var cast: [CastVote] = []
        /// The log index of the node's `close` act, once closed.
        public internal(set) var closedAt: UInt64?

        /// Records a member's vote as the one that stands, and as cast.
        mutating func record(_ vote: RecordedVote, by member: MemberID) {
            votes[member] = vote
            cast.append(CastVote(member: member, choice: vote.choice, index: vote.index))
        }

        /// The running tally of the votes as they stand.
        public var tally: Tally {
            var tally = Tally(electorate: electorate.count)
            for vote in votes.values {
                switch vote.choice {
                case .yes: tally.yes += 1
                case .no: tally.no += 1
                case .abstain: tally.abstain += 1
                }
            }
            return tally
        }
    }

    /// The log index of the `propose` act.
    public let id: UInt64
    /// The member who proposed it: its sponsor.
    public let proposer: MemberID
    /// What was proposed.
    public let draft: ProposalDraft
    /// Where it stands.
    public internal(set) var stage: Stage = .submitted
    /// Its steps, in log order.
    public internal(set) var timeline: [Event]
    /// When the node circulated it.
    public internal(set) var circulatedAt: Timestamp?
    /// The log index of the node's `consensus-call` act, once the consensus call opened.
    public internal(set) var consensusCallIndex: UInt64?
    /// When the consensus call's silence period ends.
    public internal(set) var consensusUntil: Timestamp?
    /// The members that asked for a recorded vote, in order.
    public internal(set) var objections: [MemberID] = []
    /// The recorded ballot, once opened.
    public internal(set) var ballot: Ballot?
    /// Explanations of vote, in log order.
    public internal(set) var explanations: [Explanation] = []
    /// The decision, once decided.
    public internal(set) var decision: DecisionRecord?
    /// The log index of the decision act.
    public internal(set) var decisionIndex: UInt64?

    /// A proposal just submitted: its state machine's start.
    /// - Parameters:
    ///   - id: The log index of the `propose` act.
    ///   - proposer: The member who proposed it.
    ///   - draft: What was proposed.
    public init(id: UInt64, proposer: MemberID, draft: ProposalDraft) {
        self.id = id
        self.proposer = proposer
        self.draft = draft
        self.timeline = [Event(kind: .proposed, index: id, at: nil, member: proposer)]
    }
}
