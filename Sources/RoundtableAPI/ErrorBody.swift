extension API {
    /// The body of every error of the JSON API: `{"error": {"code": "...", "message": "..."}}`.
    public struct ErrorBody: Codable, Sendable, Equatable {
        /// What went wrong.
        public struct Detail: Codable, Sendable, Equatable {
            /// A stable snake-case code, for programs (`bad_signature`, `not_found`, …).
            public var code: String
            /// What went wrong and what to do, for people.
            public var message: String

            /// Creates a value.
            public init(code: String, message: String) {
                self.code = code
                self.message = message
            }
        }

        /// What went wrong.
        public var error: Detail

        /// Creates a value.
        public init(code: String, message: String) { self.error = Detail(code: code, message: message) }
    }
}
