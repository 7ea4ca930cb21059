/// A TAXII collection of the forum's exchange, as the node's `collection` act defines it.
public struct CollectionDefinition: Hashable, Sendable, Codable {
    /// Which members a right or an audience covers.
    public enum Members: Hashable, Sendable, CustomStringConvertible, Codable {
        /// Every member of the forum, present and future.
        case all
        /// The members named.
        case only(Set<MemberID>)

        /// Whether a member is covered.
        public func contains(_ member: MemberID) -> Bool {
            switch self {
            case .all: true
            case .only(let members): members.contains(member)
            }
        }

        /// `all`, or the member ids joined by commas in order.
        public var description: String {
            switch self {
            case .all: "all"
            case .only(let members): members.map(\.rawValue).sorted().joined(separator: ",")
            }
        }

        /// Parses `all` or `ee,fr`.
        public init(parsing text: some StringProtocol) throws(ActError) {
            if text == "all" {
                self = .all
                return
            }
            var members = Set<MemberID>()
            for part in text.split(separator: ",", omittingEmptySubsequences: false) { members.insert(try MemberID(part)) }
            self = .only(members)
        }
    }

    /// The collection's id, a UUID.
    public let id: String
    /// A short name unique in the API root.
    public let alias: String
    /// The title for people.
    public let title: String
    /// The members the collection is shared with: AMBER objects reach only them.
    public let audience: Members
    /// Who may read it.
    public let readers: Members
    /// Who may add objects.
    public let writers: Members
    /// Whether anyone, without credentials, may read its TLP:CLEAR objects.
    public let isPublic: Bool
    /// The TLP level of objects that carry no TLP marking: `clear`, `green`, `amber`, `amber+strict` or `red`.
    public let defaultTLP: String

    /// The TLP values a collection's default may take.
    public static let tlpValues = ["clear", "green", "amber", "amber+strict", "red"]

    /// Validates and creates a definition.
    public init(
        id: String, alias: String, title: String, audience: Members, readers: Members, writers: Members, isPublic: Bool, defaultTLP: String
    ) throws(ActError) {
        guard Self.isUUID(id) else { throw ActError(.malformedAct, "a collection id is a lowercase UUID, for example 8f2e…") }
        try Self.validate(alias: alias)
        try DisplayName.validate(title)
        try Self.validate(defaultTLP: defaultTLP)
        self.id = id
        self.alias = alias
        self.title = title
        self.audience = audience
        self.readers = readers
        self.writers = writers
        self.isPublic = isPublic
        self.defaultTLP = defaultTLP
    }

    /// Throws unless `alias` is 1–64 lowercase letters, digits, `-` or `_`.
    public static func validate(alias: String) throws(ActError) {
        guard (1...64).contains(alias.utf8.count), alias.utf8.allSatisfy({ Self.aliasBytes.contains($0) }) else {
            throw ActError(.malformedAct, "'\(alias)' is not a collection alias: use 1-64 lowercase letters, digits, '-' or '_'")
        }
    }

    /// Throws unless `defaultTLP` is one of ``tlpValues``.
    public static func validate(defaultTLP: String) throws(ActError) {
        guard Self.tlpValues.contains(defaultTLP) else {
            throw ActError(.malformedAct, "default-tlp '\(defaultTLP)' is not one of \(Self.tlpValues.joined(separator: ", "))")
        }
    }

    private static let aliasBytes = Set("abcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Whether a text is a lowercase UUID `8-4-4-4-12`.
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        return bytes.enumerated().allSatisfy { offset, byte in
            [8, 13, 18, 23].contains(offset)
                ? byte == UInt8(ascii: "-")
                : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
    }
}
