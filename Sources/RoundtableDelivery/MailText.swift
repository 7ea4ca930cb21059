/// What a mail notice says, in one of the six official languages of the United Nations.
///
/// A notice names what awaits the recipient, the act's index, the link to open and, for a check, the nonce to return
/// and the deadline: never anything sealed.
struct MailText: Sendable {
    /// One sentence per kind of notice: the subject, and the body's first line.
    let headline: [NoticeKind: String]
    let forum: String
    let act: String
    let open: String
    let nonce: String
    let deadline: String
    let footer: String
    /// The separator between a label and its value (French puts a space before the colon).
    let colon: String

    /// The text for a language tag (`fr`, `fr-CA`, `zh-Hans`); English for a language it does not have.
    static func forLanguage(_ tag: String) -> MailText {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return table[primary] ?? english
    }

    /// The languages with a text of their own.
    static var languages: [String] { table.keys.sorted() }

    private static let table: [String: MailText] = [
        "ar": arabic, "zh": chinese, "en": english, "fr": french, "ru": russian, "es": spanish,
    ]
}
