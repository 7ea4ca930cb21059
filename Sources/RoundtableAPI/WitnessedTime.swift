extension API {
    /// What `GET /api/v1/acts/{index}/witnessed` answers: the earliest checkpoint including the act that the members'
    /// witnesses cosigned in enough numbers, which bounds when the act was logged.
    public struct WitnessedTime: Codable, Sendable, Hashable {
        /// The act's log index.
        public var index: UInt64
        /// The tree size of the cosigned checkpoint (larger than the index).
        public var checkpointSize: UInt64
        /// By this time (RFC 3339, UTC) the quorum of witnesses had seen that tree: the act was logged no later.
        public var loggedNoLaterThan: String
        /// The key names of the witnesses that cosigned it.
        public var cosigners: [String]

        /// Creates a value.
        public init(index: UInt64, checkpointSize: UInt64, loggedNoLaterThan: String, cosigners: [String]) {
            self.index = index
            self.checkpointSize = checkpointSize
            self.loggedNoLaterThan = loggedNoLaterThan
            self.cosigners = cosigners
        }

        enum CodingKeys: String, CodingKey {
            case index, cosigners
            case checkpointSize = "checkpoint_size"
            case loggedNoLaterThan = "logged_no_later_than"
        }
    }
}
