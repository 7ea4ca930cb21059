/// A member's `request` act: its urgency, its recipients (named, or only counted when the rule `request-parties` is
/// `sealed`), and the SHA-256 of its sealed content (``RequestContent``).
public struct RequestDraft: Hashable, Sendable, Codable {
    /// Who a request goes to, as the log shows it.
    public enum Recipients: Hashable, Sendable, Codable {
        /// The recipients in clear (`to ke,us`), under `request-parties public`.
        case named([MemberID])
        /// Only how many there are (`recipients 2`), under `request-parties sealed`; the sealed content names them.
        case sealed(count: Int)

        /// How many recipients the request has.
        public var count: Int {
            switch self {
            case .named(let members): members.count
            case .sealed(let count): count
            }
        }
    }

    /// The most recipients a request may have.
    public static let maximumRecipients = 200

    /// How soon the recipients must acknowledge.
    public let urgency: Urgency
    /// Who the request goes to.
    public let recipients: Recipients
    /// The SHA-256 of the sealed content.
    public let content: [UInt8]

    /// Creates a draft.
    /// - Parameters:
    ///   - urgency: How soon the recipients must acknowledge.
    ///   - recipients: Who the request goes to.
    ///   - content: The SHA-256 of the sealed content.
    public init(urgency: Urgency, recipients: Recipients, content: [UInt8]) {
        self.urgency = urgency
        self.recipients = recipients
        self.content = content
    }
}

/// The node's `deliver` act: one recipient's copy of a request, with its acknowledgement deadline. Under
/// `request-parties sealed` it does not name the request, so the log does not link the recipient to the requester.
public struct DeliveryOpening: Hashable, Sendable, Codable {
    /// The recipient.
    public let recipient: MemberID
    /// The request delivered, under `request-parties public`; `nil` when the parties are sealed.
    public let request: UInt64?
    /// The request's urgency.
    public let urgency: Urgency
    /// When the node delivered it.
    public let at: Timestamp
    /// The acknowledgement deadline: `at` plus the urgency's rule.
    public let ackBy: Timestamp

    /// Creates an opening.
    /// - Parameters:
    ///   - recipient: The recipient.
    ///   - request: The request, when the parties are public.
    ///   - urgency: The request's urgency.
    ///   - at: When the node delivered it.
    ///   - ackBy: The acknowledgement deadline.
    public init(recipient: MemberID, request: UInt64?, urgency: Urgency, at: Timestamp, ackBy: Timestamp) {
        self.recipient = recipient
        self.request = request
        self.urgency = urgency
        self.at = at
        self.ackBy = ackBy
    }
}

/// What a member's `ack` act acknowledges.
public enum Acknowledgement: Hashable, Sendable, Codable {
    /// A contact answers a communication check with its nonce.
    case check(UInt64, contact: String, nonce: [UInt8])
    /// A recipient acknowledges a delivered request.
    case delivery(UInt64)
}

/// The node's `overdue` act: what was not acknowledged by its deadline.
public enum OverdueRecord: Hashable, Sendable, Codable {
    /// The contacts of a check that had not answered at its deadline.
    case check(UInt64, contacts: [String], at: Timestamp)
    /// A delivery the recipient had not acknowledged at its deadline.
    case delivery(UInt64, at: Timestamp)

    /// The node's clock on the act.
    public var at: Timestamp {
        switch self {
        case .check(_, _, let at), .delivery(_, let at): at
        }
    }
}
