/// What a point of contact is for (`docs/communication.md`).
public enum ContactRole: String, CaseIterable, Hashable, Sendable, Codable {
    /// A foreign-ministry contact, for policy and diplomatic communication.
    case diplomatic
    /// A technical contact: the national CERT or CSIRT.
    case technical
    /// A law-enforcement contact available 24 hours a day, 7 days a week (Budapest Convention, Art. 35).
    case lawEnforcement = "law-enforcement-24-7"
}
