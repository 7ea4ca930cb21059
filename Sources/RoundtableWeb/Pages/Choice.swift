/// One option of a form's choice: the value sent, and what the reader sees.
struct Choice {
    let value: String
    let label: String

    /// The languages a member's text may declare besides the forum's (``RoundtableDomain/Rules/language``), and the
    /// label of the empty choice that declares none (the forum's language, named in itself).
    static func contentLanguages(forumLanguage: String, t: Localizer) -> (choices: [Choice], none: String) {
        let choices = WebLanguage.official.filter { $0.code != forumLanguage }.map { Choice(value: $0.code, label: $0.nativeName) }
        let name = WebLanguage.official.first { $0.code == forumLanguage }?.nativeName ?? forumLanguage
        return (choices, t("act_language_default", ["language": name]))
    }
}
