/// A communication check as the node's `check` act opens it: which of a member's contacts must answer, the SHA-256 of
/// each contact's nonce (the nonce itself reaches the contact only through its inbox, webhook or e-mail), and the
/// deadline.
public struct CheckOpening: Hashable, Sendable, Codable {
    /// One contact the check asks to answer.
    public struct Challenge: Hashable, Sendable, Codable {
        /// The contact's identifier.
        public let contact: String
        /// The SHA-256 of the 16-byte nonce the contact must return.
        public let nonceHash: [UInt8]

        /// Creates a challenge.
        /// - Parameters:
        ///   - contact: The contact's identifier.
        ///   - nonceHash: The SHA-256 of its nonce.
        public init(contact: String, nonceHash: [UInt8]) {
            self.contact = contact
            self.nonceHash = nonceHash
        }
    }

    /// The member whose contacts are checked.
    public let member: MemberID
    /// The contacts asked to answer, in the order of their identifiers.
    public let challenges: [Challenge]
    /// The index of the member's `ask-check` act this check answers; `nil` for a scheduled check.
    public let asked: UInt64?
    /// When the check opened, by the node's clock.
    public let at: Timestamp
    /// The deadline: `at` plus the `check-answer` rule.
    public let until: Timestamp

    /// Creates an opening.
    /// - Parameters:
    ///   - member: The member whose contacts are checked.
    ///   - challenges: The contacts and their nonces' hashes.
    ///   - asked: The `ask-check` act answered, if any.
    ///   - at: When the check opens.
    ///   - until: The deadline.
    public init(member: MemberID, challenges: [Challenge], asked: UInt64?, at: Timestamp, until: Timestamp) {
        self.member = member
        self.challenges = challenges
        self.asked = asked
        self.at = at
        self.until = until
    }
}
