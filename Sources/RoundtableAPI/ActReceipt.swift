extension API {
    /// What `POST /api/v1/acts` answers (201) when the node accepts an act: where the act stands in the log.
    public struct ActReceipt: Codable, Sendable, Hashable {
        /// The act's log index.
        public var index: UInt64
        /// The act's type.
        public var act: String
        /// Who performed it: a member id, or `node`.
        public var by: String
        /// Its sequence number.
        public var seq: UInt64

        /// Creates a value.
        public init(index: UInt64, act: String, by: String, seq: UInt64) {
            self.index = index
            self.act = act
            self.by = by
            self.seq = seq
        }
    }
}
