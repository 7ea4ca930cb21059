/// A language the public pages can be read in: one of the six official languages of the United Nations.
public struct WebLanguage: Hashable, Sendable {
    /// The direction text runs in.
    public enum Direction: String, Hashable, Sendable {
        /// Left to right.
        case leftToRight = "ltr"
        /// Right to left (Arabic).
        case rightToLeft = "rtl"
    }

    /// The BCP 47 code: `en`, `fr`, `ar`, `es`, `ru` or `zh`.
    public let code: String
    /// The language's name in itself, as the language switch shows it.
    public let nativeName: String
    /// The direction its text runs in.
    public let direction: Direction

    /// The six official languages of the United Nations.
    public static let official: [WebLanguage] = [
        WebLanguage(code: "ar", nativeName: "العربية", direction: .rightToLeft),
        WebLanguage(code: "zh", nativeName: "中文", direction: .leftToRight),
        WebLanguage(code: "en", nativeName: "English", direction: .leftToRight),
        WebLanguage(code: "fr", nativeName: "Français", direction: .leftToRight),
        WebLanguage(code: "ru", nativeName: "Русский", direction: .leftToRight),
        WebLanguage(code: "es", nativeName: "Español", direction: .leftToRight),
    ]

    /// English, the language every other one falls back to for a missing string.
    public static let english = official[2]
}
