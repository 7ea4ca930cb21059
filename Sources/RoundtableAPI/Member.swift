extension API {
    /// A member as `GET /api/v1/members/{id}` shows it.
    public struct Member: Codable, Sendable, Equatable {
        /// The member id.
        public var id: String
        /// The member's name for people.
        public var displayName: String
        /// `active` or `suspended`.
        public var status: String
        /// The registered signing keys, as C2SP verifier keys.
        public var keys: [String]
        /// The labels of the registered API tokens.
        public var tokens: [String]
        /// The sequence number the member's next act must carry.
        public var nextSeq: UInt64

        /// Creates a value.
        public init(id: String, displayName: String, status: String, keys: [String], tokens: [String], nextSeq: UInt64) {
            self.id = id
            self.displayName = displayName
            self.status = status
            self.keys = keys
            self.tokens = tokens
            self.nextSeq = nextSeq
        }

        enum CodingKeys: String, CodingKey {
            case id, status, keys, tokens
            case displayName = "display_name"
            case nextSeq = "next_seq"
        }
    }

    /// `GET /api/v1/members`: every member, by id.
    public struct MemberList: Codable, Sendable, Equatable {
        /// The members, by id.
        public var members: [Member]

        /// Creates a value.
        public init(members: [Member]) { self.members = members }
    }
}
