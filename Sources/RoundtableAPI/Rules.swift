extension API {
    /// `GET /api/v1/rules`: the rules of procedure in force and every earlier version.
    public struct Rules: Codable, Sendable, Equatable {
        /// One version of the rules.
        public struct Version: Codable, Sendable, Equatable {
            /// Its number, from 1.
            public var version: Int
            /// The amendment that adopted it; absent for the genesis rules.
            public var proposal: UInt64?
            /// The log index from which it applies.
            public var since: UInt64
            /// The rules as `rule` lines state them, for example `quorum 1/2`, `silence 72h`.
            public var rules: [String]

            /// Creates a value.
            public init(version: Int, proposal: UInt64?, since: UInt64, rules: [String]) {
                self.version = version
                self.proposal = proposal
                self.since = since
                self.rules = rules
            }
        }

        /// The version in force.
        public var version: Int
        /// The rules in force, as `rule` lines state them.
        public var rules: [String]
        /// Every version, oldest first.
        public var history: [Version]

        /// Creates a value.
        public init(version: Int, rules: [String], history: [Version]) {
            self.version = version
            self.rules = rules
            self.history = history
        }
    }
}
