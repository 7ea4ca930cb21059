extension API {
    /// What `GET /api/v1/witnessed` answers: the checkpoints whose cosignatures met the witness quorum, smallest tree
    /// first, a page at a time.
    public struct WitnessedCheckpointList: Codable, Sendable, Hashable {
        /// One cosigned checkpoint.
        public struct Checkpoint: Codable, Sendable, Hashable {
            /// Its tree size.
            public var size: UInt64
            /// Its witnessed time as the node computed it (RFC 3339, UTC); a verifier recomputes it from the note.
            public var witnessedAt: String
            /// The key names of the witnesses that cosigned it.
            public var cosigners: [String]
            /// The checkpoint note with the node's signature and the cosignatures, verbatim.
            public var note: String

            /// Creates a value.
            public init(size: UInt64, witnessedAt: String, cosigners: [String], note: String) {
                self.size = size
                self.witnessedAt = witnessedAt
                self.cosigners = cosigners
                self.note = note
            }

            enum CodingKeys: String, CodingKey {
                case size, cosigners, note
                case witnessedAt = "witnessed_at"
            }
        }

        /// The checkpoints of this page.
        public var checkpoints: [Checkpoint]
        /// Whether more follow: ask again with `after` set to the last size.
        public var more: Bool

        /// Creates a value.
        public init(checkpoints: [Checkpoint], more: Bool) {
            self.checkpoints = checkpoints
            self.more = more
        }
    }
}
