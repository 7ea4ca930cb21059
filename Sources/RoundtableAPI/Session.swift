extension API {
    /// What `POST /api/v1/session/challenge` answers (201): a challenge for a delegate's browser to sign.
    public struct SignInChallenge: Codable, Sendable, Equatable {
        /// 32 random bytes, base64url without padding; good once.
        public var challenge: String
        /// The exact text to sign as a signed note: the forum's origin, `sign-in`, `challenge <challenge>`.
        public var message: String
        /// Seconds the challenge may be answered in.
        public var expiresIn: Int

        /// Creates a value.
        public init(challenge: String, message: String, expiresIn: Int) {
            self.challenge = challenge
            self.message = message
            self.expiresIn = expiresIn
        }

        enum CodingKeys: String, CodingKey {
            case challenge, message
            case expiresIn = "expires_in"
        }
    }

    /// A delegate's browser session: what `POST /api/v1/session` (201) and `GET /api/v1/session` answer.
    public struct Session: Codable, Sendable, Equatable {
        /// The member signed in for.
        public var member: String
        /// The member's name.
        public var name: String
        /// The verifier key that signed the challenge.
        public var key: String
        /// Whether that key is one of the member's contact keys, which sign acknowledgements and answers only.
        public var contactKey: Bool
        /// The session's CSRF token, for the `X-CSRF-Token` header of every change asked with the session cookie.
        public var csrf: String
        /// The member's next sequence number.
        public var nextSeq: UInt64

        /// Creates a value.
        public init(member: String, name: String, key: String, contactKey: Bool, csrf: String, nextSeq: UInt64) {
            self.member = member
            self.name = name
            self.key = key
            self.contactKey = contactKey
            self.csrf = csrf
            self.nextSeq = nextSeq
        }

        enum CodingKeys: String, CodingKey {
            case member, name, key, csrf
            case contactKey = "contact_key"
            case nextSeq = "next_seq"
        }
    }
}
