public import TransparencyLog

/// An act of the forum: the parsed text of a signed note (grammar in `docs/acts.md`).
///
/// Every act opens with the same four lines: the forum's origin, `act <type>`, `by <actor>` and `seq <n>`.
public struct Act: Hashable, Sendable {
    /// Who performs an act.
    public enum Actor: Hashable, Sendable, CustomStringConvertible {
        /// The node itself, signing with the node key.
        case node
        /// A member, signing with one of its registered keys.
        case member(MemberID)

        public var description: String {
            switch self {
            case .node: "node"
            case .member(let id): id.rawValue
            }
        }
    }

    /// What an act does.
    public enum Body: Hashable, Sendable {
        /// Creates the forum and names its founding members.
        case genesis(Genesis)
        /// Changes the acting member's own keys and API tokens.
        case credential([CredentialChange])
        /// A member submits a proposal.
        case propose(ProposalDraft)
        /// A member asks for a recorded vote during a proposal's consensus call.
        case object(proposal: UInt64, reason: String?)
        /// A member votes in a recorded ballot; a later vote replaces an earlier one until the ballot closes.
        case vote(proposal: UInt64, choice: VoteChoice)
        /// A member explains its vote.
        case explain(proposal: UInt64, text: String, language: String? = nil)
        /// The proposer withdraws its proposal before voting starts.
        case withdraw(proposal: UInt64)
        /// The node circulates a submitted proposal.
        case circulate(proposal: UInt64, at: Timestamp)
        /// The node opens the consensus call (silence procedure) on a proposal.
        case consensusCall(proposal: UInt64, at: Timestamp, until: Timestamp)
        /// The node opens a recorded ballot.
        case ballot(BallotOpening)
        /// The node closes a recorded ballot: the votes before this act count.
        case close(proposal: UInt64, at: Timestamp)
        /// The node records a decision.
        case decision(DecisionRecord)
        /// The node defines an exchange collection.
        case collection(CollectionDefinition)
        /// The node records object versions added to or deleted from a collection.
        case exchange(ExchangeRecord)
        /// A member adds, updates or removes one of its points of contact.
        case contact(ContactChange)
        /// A member asks for a communication check of some of its contacts (`nil`: all of them).
        case askCheck(contacts: [String]?)
        /// The node opens a communication check of a member's contacts.
        case check(CheckOpening)
        /// A member (or one of its contacts, with its contact key) acknowledges a check or a delivered request.
        case acknowledge(Acknowledgement)
        /// A member sends a request to other members.
        case request(RequestDraft)
        /// The node delivers requests, each to one recipient with its acknowledgement deadline: all it had to deliver
        /// when it wrote the act, at one time, each recipient at most once.
        case deliver([DeliveryOpening])
        /// A recipient answers a delivered request; the answer's content is sealed.
        case answer(delivery: UInt64, status: AnswerStatus, content: [UInt8])
        /// The requester closes its request.
        case closeRequest(request: UInt64, outcome: RequestOutcome)
        /// The node records what was not acknowledged by its deadline.
        case overdue(OverdueRecord)
    }

    /// The largest sequence number an act may carry (2^63 − 1, so it fits a signed 64-bit column).
    public static let maximumSequence: UInt64 = UInt64(Int64.max)

    /// The forum's origin, binding the act to one forum.
    public let origin: String
    /// Who performs the act.
    public let actor: Actor
    /// The actor's sequence number for this act: 1 for its first act, then one more each time.
    public let sequence: UInt64
    /// What the act does.
    public let body: Body

    /// Creates an act.
    /// - Parameters:
    ///   - origin: The forum's origin.
    ///   - actor: Who performs the act.
    ///   - sequence: The actor's sequence number for this act.
    ///   - body: What the act does.
    public init(origin: String, actor: Actor, sequence: UInt64, body: Body) {
        self.origin = origin
        self.actor = actor
        self.sequence = sequence
        self.body = body
    }

    /// Signs the act's text into the signed note that is submitted and logged.
    /// - Parameter signers: The keys to sign with.
    public func signed(by signers: [NoteSigner]) throws -> SignedNote {
        try SignedNote.sign(text: text, with: signers)
    }
}
