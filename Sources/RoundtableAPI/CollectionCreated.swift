extension API {
    /// What `POST /api/v1/admin/collections` answers (201): the collection created.
    public struct CollectionCreated: Codable, Sendable, Equatable {
        /// The collection's id, as TAXII names it.
        public var id: String
        /// The collection's alias.
        public var alias: String
        /// The log index of the node's `collection` act.
        public var index: UInt64

        /// Creates a value.
        public init(id: String, alias: String, index: UInt64) {
            self.id = id
            self.alias = alias
            self.index = index
        }
    }
}
