public import TransparencyLog

/// A point of contact as a member's `contact` act states it: what the public log shows of it.
///
/// The contact's details (name, title, organisation, languages, hours, e-mail, phone, webhook) are a sealed document
/// (``ContactDetails``) that only members read; the act carries its SHA-256, a salted commitment.
public struct ContactEntry: Hashable, Sendable, Codable {
    /// The contact's identifier, unique among the member's contacts: 1 to 32 of `a-z`, `0-9` and `-`, starting with a
    /// letter or digit.
    public let id: String
    /// What the contact is for.
    public let role: ContactRole
    /// The SHA-256 of the sealed details document.
    public let details: [UInt8]
    /// A key registered to the member for this contact, which may sign acknowledgements and answers only.
    public let key: NoteVerifier?

    /// Creates an entry.
    /// - Parameters:
    ///   - id: The contact's identifier.
    ///   - role: What the contact is for.
    ///   - details: The SHA-256 of the sealed details document (32 bytes).
    ///   - key: The contact's own key, if it has one.
    public init(id: String, role: ContactRole, details: [UInt8], key: NoteVerifier?) throws(ActError) {
        try Self.validate(id: id)
        guard details.count == 32 else { throw ActError(.malformedAct, "a contact's details commitment is a SHA-256 (64 hex digits)") }
        self.id = id
        self.role = role
        self.details = details
        self.key = key
    }

    /// Checks a contact identifier.
    /// - Parameter id: The identifier.
    public static func validate(id: some StringProtocol) throws(ActError) {
        let bytes = Array(id.utf8)
        func allowed(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard (1...32).contains(bytes.count), allowed(bytes[0]), bytes.allSatisfy({ allowed($0) || $0 == UInt8(ascii: "-") }) else {
            throw ActError(.malformedAct, "'\(id.prefix(40))' is not a contact id: 1 to 32 of a-z, 0-9 and '-', starting with a letter or digit")
        }
    }
}

/// A change a member makes to its points of contact, one per `contact` act.
public enum ContactChange: Hashable, Sendable {
    /// Adds a contact under a new identifier.
    case add(ContactEntry)
    /// Replaces a contact's role, details and key.
    case update(ContactEntry)
    /// Removes a contact.
    case remove(id: String)

    /// The contact's identifier.
    public var id: String {
        switch self {
        case .add(let entry), .update(let entry): entry.id
        case .remove(let id): id
        }
    }
}
