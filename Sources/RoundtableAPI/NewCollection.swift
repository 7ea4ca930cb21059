extension API {
    /// The body of `POST /api/v1/admin/collections`: an exchange collection the operator defines.
    public struct NewCollection: Codable, Sendable, Equatable {
        /// The collection's short name, unique in the forum.
        public var alias: String
        /// The collection's title for people.
        public var title: String
        /// Whom AMBER objects reach: `all`, or member ids separated by commas.
        public var audience: String?
        /// Who may read: `all`, or member ids separated by commas.
        public var read: String?
        /// Who may add objects: `all`, or member ids separated by commas.
        public var write: String?
        /// Whether the public reads its TLP:CLEAR objects without credentials.
        public var `public`: Bool?
        /// The TLP level of objects that carry no marking: `clear`, `green`, `amber`, `amber+strict` or `red`.
        public var defaultTLP: String?

        /// Creates a value.
        public init(
            alias: String, title: String, audience: String? = nil, read: String? = nil, write: String? = nil, public: Bool? = nil,
            defaultTLP: String? = nil
        ) {
            self.alias = alias
            self.title = title
            self.audience = audience
            self.read = read
            self.write = write
            self.public = `public`
            self.defaultTLP = defaultTLP
        }

        enum CodingKeys: String, CodingKey {
            case alias, title, audience, read, write, `public`
            case defaultTLP = "default_tlp"
        }
    }
}
