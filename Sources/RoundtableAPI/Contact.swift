extension API {
    /// `GET /api/v1/contacts`: members' points of contact, with their sealed details.
    public struct ContactList: Codable, Sendable, Equatable {
        /// The contacts, by member and identifier.
        public var contacts: [Contact]

        /// Creates a value.
        public init(contacts: [Contact]) { self.contacts = contacts }
    }

    /// A member's point of contact.
    public struct Contact: Codable, Sendable, Equatable {
        /// The member.
        public var member: String
        /// The contact's identifier.
        public var id: String
        /// `diplomatic`, `technical` or `law-enforcement-24-7`.
        public var role: String
        /// The contact's own verifier key, if it has one.
        public var key: String?
        /// The log index of the act that added or last updated it.
        public var since: UInt64
        /// When a check last asked it to answer, RFC 3339.
        public var lastChecked: String?
        /// The sealed details, decoded.
        public var details: ContactDetails?
        /// The SHA-256 of the sealed details, as the act carries it.
        public var detailsSHA256: String

        /// Creates a value.
        public init(
            member: String, id: String, role: String, key: String?, since: UInt64, lastChecked: String?, details: ContactDetails?,
            detailsSHA256: String
        ) {
            self.member = member
            self.id = id
            self.role = role
            self.key = key
            self.since = since
            self.lastChecked = lastChecked
            self.details = details
            self.detailsSHA256 = detailsSHA256
        }

        enum CodingKeys: String, CodingKey {
            case member, id, role, key, since, details
            case lastChecked = "last_checked"
            case detailsSHA256 = "details_sha256"
        }
    }

    /// A contact's sealed details.
    public struct ContactDetails: Codable, Sendable, Equatable {
        /// The document's salt.
        public var salt: String
        /// The person's name.
        public var name: String
        /// Their title or function.
        public var title: String?
        /// Their organisation.
        public var organisation: String
        /// BCP 47 language tags.
        public var languages: [String]
        /// Working hours, or `24/7`.
        public var hours: String
        /// The IANA time zone of the working hours.
        public var timeZone: String?
        /// An e-mail address.
        public var email: String?
        /// A telephone number.
        public var phone: String?
        /// A webhook URL.
        public var webhook: String?

        /// Creates a value.
        public init(
            salt: String, name: String, title: String?, organisation: String, languages: [String], hours: String, timeZone: String?,
            email: String?, phone: String?, webhook: String?
        ) {
            self.salt = salt
            self.name = name
            self.title = title
            self.organisation = organisation
            self.languages = languages
            self.hours = hours
            self.timeZone = timeZone
            self.email = email
            self.phone = phone
            self.webhook = webhook
        }

        enum CodingKeys: String, CodingKey {
            case salt, name, title, organisation, languages, hours, email, phone, webhook
            case timeZone = "time_zone"
        }
    }
}
