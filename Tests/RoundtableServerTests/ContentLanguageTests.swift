import Foundation
import HummingbirdTesting
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// What members write is marked with its language in every page, whatever the page's own: the forum's language
/// (rule `language`), or the one a `propose` or `explain` act declares.
@Suite("Members' texts marked with their language")
struct ContentLanguageTests {
    let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)

    @Test("a proposal in French and an explanation in Spanish keep their languages inside an Arabic page; names take the forum's")
    func marked() async throws {
        var scenario = try GovernanceScenario(forum: forum)
        let document = [UInt8](repeating: 9, count: 32)
        let draft = try ProposalDraft(kind: .norm, title: "Protéger les infrastructures", document: document, language: "fr")
        let proposal = try scenario.act("ee", .propose(draft))
        try scenario.runClerk()
        try scenario.act("fr", .object(proposal: proposal, reason: nil))
        try scenario.runClerk()
        try scenario.act("fr", .explain(proposal: proposal, text: "Nos abstenemos hasta leer el texto.", language: "es"))
        try scenario.act("ke", .explain(proposal: proposal, text: "Kenya will vote yes."))
        let node = try await forum.open(on: InMemoryForumStore(state: scenario.state, entries: scenario.entries))
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
            let page = try await Page(client, "/proposals/\(proposal)?lang=ar")
            #expect(page.lang == "ar")
            #expect(page.contains("<h1 lang=\"fr\">Protéger les infrastructures</h1>"))
            #expect(page.contains("<blockquote lang=\"es\"><p>Nos abstenemos hasta leer el texto.</p></blockquote>"))
            #expect(page.contains("<blockquote lang=\"en\"><p>Kenya will vote yes.</p></blockquote>"), "the forum's language by default")
            #expect(page.contains("<span lang=\"en\">Member fr</span>"))
            let list = try await Page(client, "/proposals?lang=zh")
            #expect(list.contains("lang=\"fr\">Protéger les infrastructures</a>"))
            let members = try await Page(client, "/members?lang=ru")
            #expect(members.contains("<span lang=\"en\">Member ee</span>"))
            #expect(try await Page(client, "/?lang=es").contains("<a href=\"/\" lang=\"en\">Test forum</a>"))
        }
    }
}
