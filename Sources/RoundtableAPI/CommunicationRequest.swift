extension API {
    /// `GET /api/v1/requests`: the requests the authenticated member is a party to.
    public struct RequestList: Codable, Sendable, Equatable {
        /// The requests, by index.
        public var requests: [CommunicationRequest]

        /// Creates a value.
        public init(requests: [CommunicationRequest]) { self.requests = requests }
    }

    /// A request as its parties see it: its sealed content, its deliveries and their answers.
    public struct CommunicationRequest: Codable, Sendable, Equatable {
        /// The request's sealed content, decoded.
        public struct Content: Codable, Sendable, Equatable {
            /// What is asked.
            public var kind: String
            /// The recipients.
            public var to: [String]
            /// The subject.
            public var subject: String
            /// The body, Markdown.
            public var body: String
            /// The TLP level.
            public var tlp: String
            /// STIX ids of exchange objects.
            public var references: [String]
            /// When an answer is wanted by, RFC 3339.
            public var answerBy: String?

            /// Creates a value.
            public init(kind: String, to: [String], subject: String, body: String, tlp: String, references: [String], answerBy: String?) {
                self.kind = kind
                self.to = to
                self.subject = subject
                self.body = body
                self.tlp = tlp
                self.references = references
                self.answerBy = answerBy
            }

            enum CodingKeys: String, CodingKey {
                case kind, to, subject, body, tlp, references
                case answerBy = "answer_by"
            }
        }

        /// One recipient's copy.
        public struct Delivery: Codable, Sendable, Equatable {
            /// The delivery's log index.
            public var index: UInt64
            /// The recipient.
            public var recipient: String
            /// When the node delivered it, RFC 3339.
            public var at: String
            /// The acknowledgement deadline, RFC 3339.
            public var ackBy: String
            /// The index of the recipient's `ack` act.
            public var acknowledged: UInt64?
            /// The index of the node's `overdue` act.
            public var overdue: UInt64?
            /// The recipient's answers, in order.
            public var answers: [Answer]
            /// The node's attempts to tell the recipient: shown to the requester only.
            public var attempts: [Attempt]?

            /// Creates a value.
            public init(
                index: UInt64, recipient: String, at: String, ackBy: String, acknowledged: UInt64?, overdue: UInt64?, answers: [Answer],
                attempts: [Attempt]?
            ) {
                self.index = index
                self.recipient = recipient
                self.at = at
                self.ackBy = ackBy
                self.acknowledged = acknowledged
                self.overdue = overdue
                self.answers = answers
                self.attempts = attempts
            }

            enum CodingKeys: String, CodingKey {
                case index, recipient, at, acknowledged, overdue, answers, attempts
                case ackBy = "ack_by"
            }
        }

        /// An answer and its sealed content.
        public struct Answer: Codable, Sendable, Equatable {
            /// Its `answer` act's index.
            public var index: UInt64
            /// `accepted`, `declined`, `need-information` or `provided`.
            public var status: String
            /// The sealed content, decoded.
            public var content: AnswerContent?

            /// Creates a value.
            public init(index: UInt64, status: String, content: AnswerContent?) {
                self.index = index
                self.status = status
                self.content = content
            }
        }

        /// What an answer says.
        public struct AnswerContent: Codable, Sendable, Equatable {
            /// The answer's text, Markdown.
            public var body: String

            /// Creates a value.
            public init(body: String) { self.body = body }
        }

        /// One attempt to tell a recipient's contact.
        public struct Attempt: Codable, Sendable, Equatable {
            /// The contact told.
            public var contact: String?
            /// `webhook` or `mail`.
            public var channel: String
            /// Which try, from 1.
            public var attempt: Int
            /// Whether the notice was delivered.
            public var delivered: Bool
            /// The HTTP status, or what went wrong.
            public var detail: String
            /// When the attempt ended, RFC 3339.
            public var at: String
            /// Whether no further attempt follows.
            public var final: Bool

            /// Creates a value.
            public init(contact: String?, channel: String, attempt: Int, delivered: Bool, detail: String, at: String, final: Bool) {
                self.contact = contact
                self.channel = channel
                self.attempt = attempt
                self.delivered = delivered
                self.detail = detail
                self.at = at
                self.final = final
            }
        }

        /// The request's log index.
        public var index: UInt64
        /// Who sent it.
        public var requester: String
        /// `routine`, `urgent` or `critical`.
        public var urgency: String
        /// The sealed content, decoded.
        public var content: Content?
        /// `resolved` or `withdrawn`, once closed.
        public var outcome: String?
        /// The index of the `close-request` act.
        public var closedAt: UInt64?
        /// The deliveries the member may see: all of them for the requester, its own for a recipient.
        public var deliveries: [Delivery]

        /// Creates a value.
        public init(
            index: UInt64, requester: String, urgency: String, content: Content?, outcome: String?, closedAt: UInt64?, deliveries: [Delivery]
        ) {
            self.index = index
            self.requester = requester
            self.urgency = urgency
            self.content = content
            self.outcome = outcome
            self.closedAt = closedAt
            self.deliveries = deliveries
        }

        enum CodingKeys: String, CodingKey {
            case index, requester, urgency, content, outcome, deliveries
            case closedAt = "closed_at"
        }
    }
}
