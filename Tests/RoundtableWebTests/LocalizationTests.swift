import Foundation
import RoundtableDomain
import RoundtableWeb
import Testing

@Suite("Languages and string catalogs")
struct LocalizationTests {
    static let renderer = try! PageRenderer()
    static let available = renderer.languages
    static func language(_ code: String) -> WebLanguage { WebLanguage.official.first { $0.code == code }! }

    @Test("English and French have catalogs; the six official languages are known, Arabic right to left")
    func languages() {
        #expect(Self.available.map(\.code).sorted() == ["en", "fr"])
        #expect(WebLanguage.official.map(\.code).sorted() == ["ar", "en", "es", "fr", "ru", "zh"])
        #expect(WebLanguage.official.filter { $0.direction == .rightToLeft }.map(\.code) == ["ar"])
    }

    @Test("the French catalog translates every English key, with the same parameters")
    func frenchIsComplete() throws {
        let english = Self.renderer.localizer(for: .english).strings
        let french = Self.renderer.localizer(for: Self.language("fr")).strings
        #expect(Set(english.keys) == Set(french.keys))
        for (key, text) in english {
            #expect(Self.parameters(text) == Self.parameters(french[key] ?? ""), "\(key)")
            #expect(
                french[key] != text
                    || [
                    "pager_label", "exchange_total", "exchange_alias", "col_vote", "col_admission", "act_signatures", "nav_communication",
                    "communication_title", "duration_minutes.one", "duration_minutes.other", "act_type_object", "act_type_vote",
                ].contains(key)
                || text.count < 6, "\(key) is not translated")
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
            for key in text.matches(of: /frame\.t\.([a-z_]+)/).map({ String($0.1) }) {
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

    @Test("parameters are filled in, counts take their plural form, and a missing key shows itself")
    func localizer() {
        let french = Self.renderer.localizer(for: Self.language("fr"))
        #expect(french.count("home_members", 1) == "1 membre")
        #expect(french.count("home_members", 193) == "193 membres")
        #expect(french("reason_majority_met", ["yes": "6", "no": "0"]) == "6 pour, 0 contre : la majorité est atteinte.")
        #expect(french("no_such_key") == "no_such_key")
    }

    @Test("a language with only some strings falls back to English for the others, and Arabic pages run right to left")
    func fallbackAndDirection() throws {
        let english = StringCatalog(language: .english, strings: ["nav_home": "Home", "nav_log": "Log"])
        let arabic = StringCatalog(language: Self.language("ar"), strings: ["nav_home": "الرئيسية"])
        let t = Localizer(catalog: arabic, english: english)
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

    @Test("parameters fill their braces once, in one pass; other braces stay; times read as UTC")
    func parameters() {
        let english = StringCatalog(
            language: .english, strings: ["a": "{x} and {x}, {unknown} {y}", "b": "{x", "c": "}{x}{", "plain": "no braces"])
        let t = Localizer(catalog: english, english: english)
        #expect(t("a", ["x": "1", "y": "{x}"]) == "1 and 1, {unknown} {x}", "a value is not filled in again")
        #expect(t("b", ["x": "1"]) == "{x")
        #expect(t("c", ["x": "é"]) == "}é{")
        #expect(t("plain", ["x": "1"]) == "no braces")
        #expect(t.time(Timestamp(seconds: 1_795_946_400)) == "2026-11-29 10:00:00 UTC")
    }

    @Test("links to the same page keep the other parameters and encode values")
    func locations() {
        let location = PageLocation(path: "/proposals", query: [("stage", "open"), ("lang", "fr"), ("page", "2")])
        #expect(location.with(["lang": "en"]) == "/proposals?stage=open&page=2&lang=en")
        #expect(location.with(["page": nil]) == "/proposals?stage=open&lang=fr")
        #expect(PageLocation(path: "/x").with(["q": "a b&c=d/é"]) == "/x?q=a%20b%26c%3Dd%2F%C3%A9")
    }
}
