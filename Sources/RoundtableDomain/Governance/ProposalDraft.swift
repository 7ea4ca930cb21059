import TransparencyLog

/// What a member proposes: the body of a `propose` act.
public struct ProposalDraft: Hashable, Sendable, Codable {
    /// What a proposal would change beyond its text.
    public enum Subject: Hashable, Sendable, Codable {
        /// Nothing: norms, policies and procedural questions are decided on their text.
        case none
        /// The member an admission would admit, with its first key.
        case admission(Genesis.Founder)
        /// The member a suspension would suspend.
        case suspension(MemberID)
        /// The rules an amendment would set.
        case rules([RuleSetting])
    }

    /// The kind of question.
    public let kind: ProposalKind
    /// A one-line title for people.
    public let title: String
    /// The SHA-256 of the proposal's full text, a document stored at `/api/v1/documents/{sha256}`.
    public let document: [UInt8]
    /// What an adoption would change.
    public let subject: Subject
    /// The language of the title and text (a BCP 47 tag), when the act declares it; otherwise the forum's
    /// (``Rules/language``).
    public let language: String?

    /// Validates and creates a draft; the subject must match the kind.
    /// - Parameters:
    ///   - kind: The kind of question.
    ///   - title: A one-line title, 1–200 characters.
    ///   - document: The SHA-256 of the full text.
    ///   - subject: What an adoption would change.
    ///   - language: The language of the title and text, when it is not the forum's.
    public init(kind: ProposalKind, title: String, document: [UInt8], subject: Subject = .none, language: String? = nil) throws(ActError) {
        if let language { _ = try LanguageTag.validate(language) }
        try DisplayName.validate(title)
        guard document.count == 32 else { throw ActError(.malformedAct, "a document hash is a SHA-256: 64 lowercase hex digits") }
        switch (kind, subject) {
        case (.admission, .admission), (.suspension, .suspension), (.norm, .none), (.policy, .none), (.procedural, .none): break
        case (.rules, .rules(let settings)):
            guard !settings.isEmpty else { throw ActError(.malformedAct, "a rules amendment sets at least one rule") }
            guard Set(settings.map(\.name)).count == settings.count else {
                throw ActError(.malformedAct, "a rules amendment sets each rule at most once")
            }
        case (.admission, _): throw ActError(.malformedAct, "an admission names the member: 'admit MEMBER-ID VKEY DISPLAY NAME'")
        case (.suspension, _): throw ActError(.malformedAct, "a suspension names the member: 'suspend MEMBER-ID'")
        case (.rules, _): throw ActError(.malformedAct, "a rules amendment has one or more 'rule NAME VALUE' lines")
        default: throw ActError(.malformedAct, "a \(kind.rawValue) proposal has no admit, suspend or rule lines")
        }
        self.kind = kind
        self.title = title
        self.document = document
        self.subject = subject
        self.language = language
    }
}
