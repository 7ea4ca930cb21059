extension API {
    /// `GET /api/v1/inbox`: what awaits the authenticated member after a cursor.
    public struct Inbox: Codable, Sendable, Equatable {
        /// The items, oldest first.
        public var items: [InboxItem]
        /// The cursor for the next call: the last item's index, or the `after` given when there is none.
        public var next: UInt64?

        /// Creates a value.
        public init(items: [InboxItem], next: UInt64?) {
            self.items = items
            self.next = next
        }
    }

    /// One thing that awaits a member or concerns it; also each event of `GET /api/v1/inbox/stream`.
    public struct InboxItem: Codable, Sendable, Equatable {
        /// A contact a check asks, or one that stayed silent.
        public struct Contact: Codable, Sendable, Equatable {
            /// The contact's identifier.
            public var id: String
            /// The nonce to return, 32 hex digits: only in the member's own check.
            public var nonce: String?

            /// Creates a value.
            public init(id: String, nonce: String?) {
                self.id = id
                self.nonce = nonce
            }
        }

        /// The log index of the act the item is about: the inbox's cursor.
        public var index: UInt64
        /// `check`, `request`, `acknowledgement`, `answer`, `overdue` or `closed`.
        public var kind: String
        /// The check.
        public var check: UInt64?
        /// The contacts a check asks, or those that stayed silent.
        public var contacts: [Contact]?
        /// The request, when the member may know it.
        public var request: UInt64?
        /// The delivery.
        public var delivery: UInt64?
        /// The other party: the requester of a delivered request, the recipient of one's own request.
        public var party: String?
        /// The request's urgency.
        public var urgency: String?
        /// The deadline of a check or a delivery, RFC 3339.
        public var deadline: String?
        /// An answer's status.
        public var status: String?
        /// How a closed request ended.
        public var outcome: String?

        /// Creates a value.
        public init(
            index: UInt64, kind: String, check: UInt64? = nil, contacts: [Contact]? = nil, request: UInt64? = nil, delivery: UInt64? = nil,
            party: String? = nil, urgency: String? = nil, deadline: String? = nil, status: String? = nil, outcome: String? = nil
        ) {
            self.index = index
            self.kind = kind
            self.check = check
            self.contacts = contacts
            self.request = request
            self.delivery = delivery
            self.party = party
            self.urgency = urgency
            self.deadline = deadline
            self.status = status
            self.outcome = outcome
        }
    }
}
