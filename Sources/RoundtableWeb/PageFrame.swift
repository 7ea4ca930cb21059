import Foundation

/// What every page shares: the language, the title, the navigation, the language switch and the interface text.
public struct PageFrame {
    /// A link of the main navigation.
    public struct NavigationLink {
        /// Where it goes.
        public let href: String
        /// What it says.
        public let label: String
        /// Whether it is the section of the page shown (`aria-current="page"`).
        public let current: Bool
    }

    /// A link of the language switch.
    public struct LanguageLink {
        /// The same page in that language.
        public let href: String
        /// The language's code, for `hreflang` and `lang`.
        public let code: String
        /// The language's name in itself.
        public let name: String
        /// Whether it is the language shown.
        public let current: Bool
    }

    /// The page's interface text.
    public let localizer: Localizer
    /// The forum's name.
    public let forumName: String
    /// The document title: the page's title and the forum's name.
    public let documentTitle: String
    /// The main navigation.
    public let navigation: [NavigationLink]
    /// The language switch.
    public let languages: [LanguageLink]
    /// Every interface string, for the templates: `{{t.key}}`. (Templates see stored properties only.)
    public let t: [String: String]
    /// The language's code, for `<html lang>`.
    public let lang: String
    /// `ltr` or `rtl`, for `<html dir>`.
    public let dir: String
    /// The member a delegate signed in as, if any.
    public let signedIn: SignedInMember?
    /// "Signed in as …", when someone is.
    public let signedInLabel: String
    /// The language members write in (``RoundtableDomain/Rules/language``), which marks their names and texts.
    public let contentLanguage: String

    /// Builds the frame of a page.
    /// - Parameters:
    ///   - title: The page's title.
    ///   - section: The navigation section the page belongs to: `home`, `members`, `proposals`, `log`, `exchange` or
    ///     `communication`.
    ///   - location: The page's path and query, for the language switch.
    ///   - forumName: The forum's name.
    ///   - localizer: The page's interface text.
    ///   - languages: The languages the pages can be read in.
    ///   - signedIn: The member a delegate signed in as, if any.
    ///   - contentLanguage: The language members write in.
    public init(
        title: String, section: String, location: PageLocation, forumName: String, localizer: Localizer, languages: [WebLanguage],
        signedIn: SignedInMember? = nil, contentLanguage: String = "en"
    ) {
        self.contentLanguage = contentLanguage
        self.localizer = localizer
        self.signedIn = signedIn
        signedInLabel = signedIn.map {
            localizer($0.isContactKey ? "signed_in_as_contact" : "signed_in_as", ["name": $0.name, "id": $0.id])
        } ?? ""
        t = localizer.strings
        lang = localizer.language.code
        dir = localizer.language.direction.rawValue
        self.forumName = forumName
        documentTitle = title == forumName ? title : "\(title) — \(forumName)"
        let sections = [
            ("home", "/"), ("members", "/members"), ("proposals", "/proposals"), ("log", "/log"), ("exchange", "/exchange"),
            ("communication", "/communication"),
        ]
        navigation = sections.map {
            NavigationLink(href: $0.1, label: localizer("nav_\($0.0)"), current: $0.0 == section)
        }
        self.languages = languages.map {
            LanguageLink(
                href: location.with(["lang": $0.code]), code: $0.code, name: $0.nativeName, current: $0 == localizer.language)
        }
    }
}

/// A page's path and query, from which links to the same page with other parameters are made.
public struct PageLocation: Sendable {
    /// The path, starting with `/`.
    public let path: String
    /// The query's parameters, in order.
    public let query: [(name: String, value: String)]

    /// Creates a location.
    public init(path: String, query: [(name: String, value: String)] = []) {
        self.path = path
        self.query = query
    }

    /// This page's link with some parameters set (a `nil` value removes one).
    public func with(_ changes: [String: String?]) -> String {
        var items = query.filter { changes[$0.name] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value { items.append((name, value)) } }
        guard !items.isEmpty else { return path }
        return path + "?" + items.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    /// The characters RFC 3986 leaves unreserved; every other byte of a name or value is percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
