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

/// One recipient's copy of a request, as a line of the node's `deliver` act, with its acknowledgement deadline. Under
/// `request-parties sealed` it does not name the request, so the log does not link the recipient to the requester.
///
/// A `deliver` act hands over every request the node had to deliver when it wrote the act, each recipient once; a
/// delivery is known by the act's index and its recipient (``DeliveryID``).
public struct DeliveryOpening: Hashable, Sendable, Codable {
    /// The most deliveries one `deliver` act holds.
    public static let maximumPerAct = 256

    /// The recipient.
    public let recipient: MemberID
    /// The request delivered, under `request-parties public`; `nil` when the parties are sealed.
    public let request: UInt64?
    /// The request's urgency.
    public let urgency: Urgency
    /// When the node delivered it: the `deliver` act's time.
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

/// A delivery: the index of the `deliver` act that made it, and its recipient (an act delivers to each recipient at
/// most once). A recipient's `ack` and `answer` acts name the act's index; the recipient is the member acting.
public struct DeliveryID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The `deliver` act's log index.
    public let index: UInt64
    /// The recipient.
    public let recipient: MemberID

    /// Creates an identifier.
    /// - Parameters:
    ///   - index: The `deliver` act's log index.
    ///   - recipient: The recipient.
    public init(index: UInt64, recipient: MemberID) {
        self.index = index
        self.recipient = recipient
    }

    public static func < (lhs: DeliveryID, rhs: DeliveryID) -> Bool { (lhs.index, lhs.recipient) < (rhs.index, rhs.recipient) }

    public var description: String { "\(index) to \(recipient)" }
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
    /// The deliveries of one `deliver` act that their recipients had not acknowledged at their deadlines.
    case delivery(UInt64, recipients: [MemberID], at: Timestamp)

    /// The node's clock on the act.
    public var at: Timestamp {
        switch self {
        case .check(_, _, let at), .delivery(_, _, let at): at
        }
    }
}
