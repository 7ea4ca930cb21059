extension API {
    /// `GET /api/v1/forum`: the forum's origin, name, node key and size.
    public struct Forum: Codable, Sendable, Equatable {
        /// The forum's origin, the first line of every act.
        public var origin: String
        /// The forum's name for people.
        public var name: String
        /// The node's verifier key, which signed the genesis.
        public var nodeKey: String
        /// The number of members.
        public var members: Int
        /// The number of entries in the log.
        public var entries: UInt64

        /// Creates a value.
        public init(origin: String, name: String, nodeKey: String, members: Int, entries: UInt64) {
            self.origin = origin
            self.name = name
            self.nodeKey = nodeKey
            self.members = members
            self.entries = entries
        }

        enum CodingKeys: String, CodingKey {
            case origin, name, members, entries
            case nodeKey = "node_key"
        }
    }
}
