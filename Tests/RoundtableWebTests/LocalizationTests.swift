import Foundation
import RoundtableDomain
import RoundtableWeb
import Testing

@Suite("Languages and string catalogs")
struct LocalizationTests {
    static let renderer = try! PageRenderer()
    static let available = renderer.languages
    static func language(_ code: String) -> WebLanguage { WebLanguage.official.first { $0.code == code }! }

    @Test("the six official languages have catalogs; Arabic runs right to left")
    func languages() {
        #expect(Self.available.map(\.code).sorted() == ["ar", "en", "es", "fr", "ru", "zh"])
        #expect(WebLanguage.official.map(\.code).sorted() == ["ar", "en", "es", "fr", "ru", "zh"])
        #expect(WebLanguage.official.filter { $0.direction == .rightToLeft }.map(\.code) == ["ar"])
    }

    /// Keys whose text may read as in English in some language: names, codes and words borrowed as they are.
    static let sameAsEnglish: Set<String> = [
        "pager_label", "exchange_total", "exchange_alias", "col_vote", "col_admission", "act_signatures", "nav_communication",
        "communication_title", "duration_minutes", "act_type_object", "act_type_vote", "request_kind_assistance",
        "request_kind_notification", "request_kind_consultation",
    ]

    @Test(
        "every catalog has every English key, each plural in every form its language's CLDR rules use, with the same parameters",
        arguments: ["ar", "zh", "fr", "ru", "es"])
    func catalogIsComplete(code: String) throws {
        let english = try #require(try StringCatalog.bundled().first { $0.language == .english }).strings
        let own = try #require(try StringCatalog.bundled().first { $0.language.code == code }).strings
        let rules = try PluralRules(language: code)
        let plurals = Set(english.keys.filter { $0.hasSuffix(".other") }.map { String($0.dropLast(6)) })
        var expected = Set(english.keys.filter { key in !plurals.contains { key.hasPrefix($0 + ".") } })
        for base in plurals { for category in rules.categories { expected.insert(base + "." + category) } }
        #expect(expected.subtracting(own.keys).sorted() == [], "\(code) lacks these keys")
        #expect(Set(own.keys).subtracting(expected).sorted() == [], "\(code) has keys English does not")
        for (key, text) in own {
            let base = key.split(separator: ".").first.map(String.init) ?? key
            let englishText = english[key] ?? ""
            if plurals.contains(base) {
                let wanted = Self.parameters(english[base + ".other"] ?? "")
                // A singular or dual form may spell its number out ("once", "عضوان"); it names no other parameter.
                #expect(Self.parameters(text).isSubset(of: wanted), "\(code) \(key)")
                #expect(wanted.subtracting(["count"]).isSubset(of: Self.parameters(text)), "\(code) \(key)")
            } else {
                #expect(Self.parameters(text) == Self.parameters(englishText), "\(code) \(key)")
            }
            #expect(text != englishText || Self.sameAsEnglish.contains(base) || text.count < 6, "\(code) \(key) is not translated")
        }
    }

    @Test("every string a template names is in the English catalog")
    func templatesUseKnownKeys() throws {
        let english = Self.renderer.localizer(for: .english).strings
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/RoundtableWeb/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 8)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for key in text.matches(of: /frame\.t\.([a-z0-9_]+)/).map({ String($0.1) }) {
                #expect(english[key] != nil, "\(name) names the missing string \(key)")
            }
        }
    }

    static func parameters(_ text: String) -> Set<String> { Set(text.matches(of: /\{([a-z]+)\}/).map { String($0.1) }) }

    @Test("the query's language wins, then the cookie's, then Accept-Language by quality, then English")
    func negotiation() {
        func choose(_ query: String?, _ cookie: String?, _ header: String?) -> String {
            LanguageNegotiation.choose(query: query, cookie: cookie, acceptLanguage: header, available: Self.available).code
        }
        #expect(choose("fr", "en", "en") == "fr")
        #expect(choose(nil, "fr", "en") == "fr")
        #expect(choose("xx", "fr", "en") == "fr")
        #expect(choose(nil, nil, "fr-CA,fr;q=0.9,en;q=0.8") == "fr")
        #expect(choose(nil, nil, "de-DE, en;q=0.5, fr;q=0.7") == "fr")
        #expect(choose(nil, nil, "fr;q=0, en") == "en")
        #expect(choose(nil, nil, "de, ja") == "en")
        #expect(choose(nil, nil, ";;,q=,") == "en")
        #expect(choose(nil, nil, nil) == "en")
    }

    @Test("parameters are filled in, counts take their language's plural form and number format, and a missing key shows itself")
    func localizer() {
        let french = Self.renderer.localizer(for: Self.language("fr"))
        #expect(french.count("home_members", 1) == "1 membre")
        #expect(french.count("home_members", 193) == "193 membres")
        #expect(french.count("home_members", 1_000_000) == "1\u{202F}000\u{202F}000 de membres")
        #expect(french("reason_majority_met", ["yes": "6", "no": "0"]) == "6 pour, 0 contre : la majorité est atteinte.")
        #expect(french("no_such_key") == "no_such_key")
        let russian = Self.renderer.localizer(for: Self.language("ru"))
        #expect([1, 2, 5, 21, 22, 111].map { russian.plurals.category(of: $0) } == ["one", "few", "many", "one", "few", "many"])
        #expect(russian.count("duration_days", 21) != russian.count("duration_days", 22))
        let arabic = Self.renderer.localizer(for: Self.language("ar"))
        #expect([0, 1, 2, 3, 11, 100].map { arabic.plurals.category(of: $0) } == ["zero", "one", "two", "few", "many", "other"])
        #expect(Set([0, 1, 2, 3, 11, 100].map { arabic.count("home_members", $0) }).count == 6, "six different Arabic forms")
        let chinese = Self.renderer.localizer(for: Self.language("zh"))
        #expect(chinese.plurals.categories == ["other"])
        #expect(Self.renderer.localizer(for: .english).number(1_234_567) == "1,234,567")
        #expect(Self.renderer.localizer(for: Self.language("es")).number(1_234_567) == "1.234.567")
    }

    @Test("times read in each language, in UTC and saying so")
    func times() {
        let time = Timestamp(seconds: 1_795_946_400)
        func format(_ code: String) -> String { Self.renderer.localizer(for: Self.language(code)).time(time) }
        #expect(format("en") == "November 29, 2026 at 10:00:00\u{202F}AM UTC")
        #expect(format("fr") == "29 novembre 2026 à 10:00:00 UTC")
        #expect(format("es") == "29 de noviembre de 2026, 10:00:00 UTC")
        #expect(format("ru") == "29 ноября 2026\u{202F}г. в 10:00:00 UTC")
        #expect(format("zh") == "2026年11月29日 UTC 10:00:00")
        #expect(format("ar").hasPrefix("29 نوفمبر، 2026") && format("ar").hasSuffix("UTC"))
    }

    @Test("a language with only some strings falls back to English for the others, and Arabic pages run right to left")
    func fallbackAndDirection() throws {
        let english = StringCatalog(language: .english, strings: ["nav_home": "Home", "nav_log": "Log"])
        let arabic = StringCatalog(language: Self.language("ar"), strings: ["nav_home": "الرئيسية"])
        let t = try Localizer(catalog: arabic, english: english)
        #expect(t("nav_home") == "الرئيسية")
        #expect(t("nav_log") == "Log")
        let frame = PageFrame(
            title: "T", section: "log", location: PageLocation(path: "/log"), forumName: "F", localizer: t,
            languages: [.english, Self.language("ar")])
        #expect(frame.dir == "rtl")
        #expect(frame.lang == "ar")
        #expect(frame.languages.map(\.href) == ["/log?lang=en", "/log?lang=ar"])
        #expect(frame.navigation.filter(\.current).map(\.href) == ["/log"])
    }

    @Test("parameters fill their braces once, in one pass; other braces stay")
    func parameters() throws {
        let english = StringCatalog(
            language: .english, strings: ["a": "{x} and {x}, {unknown} {y}", "b": "{x", "c": "}{x}{", "plain": "no braces"])
        let t = try Localizer(catalog: english, english: english)
        #expect(t("a", ["x": "1", "y": "{x}"]) == "1 and 1, {unknown} {x}", "a value is not filled in again")
        #expect(t("b", ["x": "1"]) == "{x")
        #expect(t("c", ["x": "é"]) == "}é{")
        #expect(t("plain", ["x": "1"]) == "no braces")
    }

    @Test("links to the same page keep the other parameters and encode values")
    func locations() {
        let location = PageLocation(path: "/proposals", query: [("stage", "open"), ("lang", "fr"), ("page", "2")])
        #expect(location.with(["lang": "en"]) == "/proposals?stage=open&page=2&lang=en")
        #expect(location.with(["page": nil]) == "/proposals?stage=open&lang=fr")
        #expect(PageLocation(path: "/x").with(["q": "a b&c=d/é"]) == "/x?q=a%20b%26c%3Dd%2F%C3%A9")
    }
}
