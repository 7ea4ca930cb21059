extension API {
    /// What `POST /api/v1/documents` answers (201): where the stored document is.
    public struct DocumentCreated: Codable, Sendable, Equatable {
        /// The document's SHA-256 in hex, the value for a proposal's `text` line.
        public var sha256: String
        /// Where to read it.
        public var url: String

        /// Creates a value.
        public init(sha256: String, url: String) {
            self.sha256 = sha256
            self.url = url
        }
    }
}
