extension API {
    /// `GET /api/v1/exchange/{collection}/{object}/receipt`: what a reader needs to prove that an object version it may
    /// read is in the log.
    public struct ExchangeReceipt: Codable, Sendable, Equatable {
        /// The collection's id.
        public var collection: String
        /// The object's STIX id.
        public var objectID: String
        /// The version, `-` when the object has none.
        public var version: String
        /// The object's bytes as stored and served, as a JSON text.
        public var object: String
        /// The line the `exchange` act holds in clear, or commits to after the salt.
        public var line: String
        /// The salt, in hex, when the act holds a sealed line.
        public var salt: String?
        /// The log index of the `exchange` act.
        public var logIndex: UInt64

        /// Creates a value.
        public init(collection: String, objectID: String, version: String, object: String, line: String, salt: String?, logIndex: UInt64) {
            self.collection = collection
            self.objectID = objectID
            self.version = version
            self.object = object
            self.line = line
            self.salt = salt
            self.logIndex = logIndex
        }

        enum CodingKeys: String, CodingKey {
            case collection, version, object, line, salt
            case objectID = "object_id"
            case logIndex = "log_index"
        }
    }
}
