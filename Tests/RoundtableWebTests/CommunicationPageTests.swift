import RoundtableDomain
import RoundtableTestSupport
import RoundtableWeb
import Testing

/// `/communication` as a page model and template: one row per member, every cell a figure or a word, in every language.
@Suite("The communication page")
struct CommunicationPageTests {
    static let renderer = LocalizationTests.renderer

    static func render(_ code: String) throws -> String {
        var s = try GovernanceScenario(forum: try TestForum())
        try s.act("ke", .contact(.add(try ContactEntry(id: "le", role: .lawEnforcement, details: [UInt8](repeating: 1, count: 32), key: nil))))
        let figures = CommunicationFigures(state: s.state, actTime: { _ in nil })
        let t = renderer.localizer(for: LocalizationTests.language(code))
        let page = CommunicationPage(figures: figures, state: s.state, t: t)
        let frame = PageFrame(
            title: page.title, section: "communication", location: PageLocation(path: "/communication"), forumName: "Forum", localizer: t,
            languages: renderer.languages)
        return renderer.render(page, frame: frame)
    }

    @Test("each member is a row with a header cell; the section is current in the navigation", arguments: ["en", "fr"])
    func rows(_ code: String) throws {
        let html = try Self.render(code)
        #expect(html.contains(#"<html lang="\#(code)""#))
        #expect(html.contains(#"<a href="/communication" aria-current="page">Communication</a>"#))
        for member in ["ee", "fr", "ke"] {
            #expect(html.contains(#"<tr id="communication-\#(member)"><th scope="row"><span lang="en">Member \#(member)</span>"#))
        }
        #expect(html.contains(#"(ke)</span></th><td>0</td><td>0</td><td>1</td>"#), "ke's law-enforcement contact")
        #expect(html.matches(of: /<h1>/).count == 1)
        #expect(!html.contains("communication_") && !html.contains("col_"), "no string key is shown")
    }

    @Test("durations read as seconds, minutes, hours or days")
    func durations() {
        let t = Self.renderer.localizer(for: .english)
        #expect(CommunicationPage.duration(1, t) == "1 second")
        #expect(CommunicationPage.duration(600, t) == "10 minutes")
        #expect(CommunicationPage.duration(7_200, t) == "2 hours")
        #expect(CommunicationPage.duration(3 * 86_400, t) == "3 days")
    }

    @Test("a value's quote is escaped even when a combining mark follows it, which makes the two one character")
    func quoteWithCombiningMark() throws {
        let t = Self.renderer.localizer(for: .english)
        var s = try GovernanceScenario(forum: try TestForum())
        try s.act("ke", .contact(.add(try ContactEntry(id: "le", role: .lawEnforcement, details: [UInt8](repeating: 1, count: 32), key: nil))))
        let page = CommunicationPage(figures: CommunicationFigures(state: s.state, actTime: { _ in nil }), state: s.state, t: t)
        let title = "x\"\u{301} onmouseover=alert(1) '\u{301}<\u{301}"
        let frame = PageFrame(
            title: title, section: "communication", location: PageLocation(path: "/communication"), forumName: "Forum", localizer: t,
            languages: Self.renderer.languages)
        let html = Self.renderer.render(page, frame: frame)
        #expect(html.contains("x&quot;\u{301} onmouseover=alert(1) &#39;\u{301}&lt;\u{301}"), "\(html.prefix(600))")
        #expect(!html.unicodeScalars.split(separator: "\u{301}").dropLast().contains { $0.last == "\"" || $0.last == "<" })
    }
}
