import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableNode
import RoundtableWeb

/// The public pages through the real router, from a seeded forum: every page type renders, and shows the votes,
/// tallies and decisions the record holds, in English and in French.
@Suite("Public web pages")
struct WebPageTests {
    /// A string-catalog key shown instead of its translation: a word like `stage_open` between tags or spaces.
    static var untranslatedKey: Regex<(Substring, Substring)> {
        #/
        [>\s(]
        ((?:stage|kind|event|outcome|choice|member_status|deadline|nav|col|home|log|act|proposal|tally|rule|reason|exchange
          |communication|check_outcome|duration)_[a-z_]+)
        [<\s.)]
        /#
    }

    let forum = try! TestForum(rules: GovernanceEndpointTests.shortRules)

    /// The seeded record and the proposals in it.
    struct Record {
        var scenario: GovernanceScenario
        let adopted: UInt64
        let withoutVote: UInt64
        let withdrawn: UInt64
        let open: UInt64
    }

    static let explanation = "Kenya abstains until its parliament has read the text."
    static let text = "# Protect critical infrastructure\n\nMembers do not attack the critical infrastructure of others.\n"
    static let awkwardTitle = #"Meet on <b>Mondays</b> & "Fridays""#

    /// A norm adopted in a recorded vote (ee yes, fr no then yes, ke abstain, with an explanation), a policy adopted
    /// without a vote, a procedural question withdrawn, and a norm in its consensus call.
    func record() throws -> Record {
        var scenario = try GovernanceScenario(forum: forum)
        let adopted = try scenario.propose("ee", .norm, title: "Protect critical infrastructure")
        try scenario.runClerk()
        try scenario.act("fr", .object(proposal: adopted, reason: nil))
        try scenario.runClerk()
        try scenario.act("ee", .vote(proposal: adopted, choice: .yes))
        try scenario.act("fr", .vote(proposal: adopted, choice: .no))
        try scenario.act("ke", .vote(proposal: adopted, choice: .abstain))
        try scenario.act("fr", .vote(proposal: adopted, choice: .yes))
        try scenario.act("ke", .explain(proposal: adopted, text: Self.explanation))
        let withoutVote = try scenario.propose("fr", .policy, title: "Publish positions")
        try scenario.runClerk()
        let withdrawn = try scenario.propose("ke", .procedural, title: Self.awkwardTitle)
        try scenario.act("ke", .withdraw(proposal: withdrawn))
        try scenario.advance(10)
        let open = try scenario.propose("ee", .norm, title: "An open question")
        try scenario.runClerk()
        return Record(scenario: scenario, adopted: adopted, withoutVote: withoutVote, withdrawn: withdrawn, open: open)
    }

    func node(_ record: Record) async throws -> ForumNode<InMemoryForumStore> {
        let store = InMemoryForumStore(state: record.scenario.state, entries: record.scenario.entries)
        let document = try #require(record.scenario.proposal(record.adopted)).draft.document
        try await store.store(StoredDocument(sha256: document, mediaType: "text/markdown; charset=utf-8", bytes: Array(Self.text.utf8)))
        return try await forum.open(on: store)
    }

    func withPages(_ test: @escaping @Sendable (Record, ForumNode<InMemoryForumStore>, any TestClientProtocol) async throws -> Void) async throws {
        let record = try record()
        let node = try await node(record)
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in try await test(record, node, client) }
    }

    // MARK: - Every page type

    @Test("the home page: members, open proposals with what comes next, the latest decisions and the checkpoint")
    func home() async throws {
        try await withPages { record, node, client in
            var page = try await Page(client, "/")
            #expect(page.lang == "en")
            #expect(page.h1 == ["Test forum"])
            #expect(page.contains("3 members"))
            #expect(page.contains("1 proposals open, 2 decided"))
            #expect(page.links.contains("/proposals/\(record.open)"))
            let consensus = try #require(record.scenario.proposal(record.open)?.consensusUntil)
            #expect(page.contains("Adopted without a vote at \(Self.time(consensus)) unless a member asks for a recorded vote"))
            let adopted = #"<a href="/proposals/\#(record.adopted)" lang="en">Protect critical infrastructure</a>"#
            #expect(page.contains(adopted + " — Norm: <strong>Adopted</strong>"))
            #expect(page.contains(#"Publish positions</a> — Policy: <strong>Adopted without a vote</strong>"#))
            #expect(page.contains("The node has not signed a checkpoint yet."))

            try await node.log.integrateAndPublish()
            page = try await Page(client, "/")
            let checkpoint = try Checkpoint(parsing: try SignedNote(parsing: try #require(try await node.log.checkpoint())).text)
            #expect(page.contains("<dt>Entries in the log</dt><dd>\(checkpoint.size)</dd>"))
            #expect(page.contains("<code>\(checkpoint.root.base64)</code>"))
            #expect(page.contains("<dt>Signed</dt>"))
        }
    }

    @Test("the members page: each member with its status, admission and keys")
    func members() async throws {
        try await withPages { record, _, client in
            let page = try await Page(client, "/members")
            for member in record.scenario.state.sortedMembers {
                #expect(
                    page.contains(
                        #"<tr id="member-\#(member.id)"><th scope="row"><span lang="en">\#(member.displayName)</span> <span "#
                            + #"class="id">(\#(member.id))</span></th><td>Active</td>"#
                    )
                )
                for key in member.keys { #expect(page.contains("<code>\(Page.escape(key.description))</code>")) }
            }
            #expect(page.count("Founding member (genesis, act 0)") == 3)
            // On a phone each row becomes a block of labelled lines (CSS); the roles keep the table a table.
            #expect(page.source.contains(#"<table class="members stack" role="table">"#))
            #expect(page.source.contains(#"<th scope="col" role="columnheader">Status</th>"#))
            #expect(page.source.contains(#"<td role="cell" data-label="Status">Active</td>"#))
            #expect(page.source.contains(#"<td role="cell" data-label="Signing keys"><ul class="keys">"#))
        }
    }

    @Test("the proposal list filters by stage and kind and pages")
    func proposalList() async throws {
        try await withPages { record, _, client in
            let all = try await Page(client, "/proposals")
            #expect(all.proposalLinks == [record.open, record.withdrawn, record.withoutVote, record.adopted])
            #expect(all.contains("Proposals 1 to 4 of 4, newest first."))
            #expect(!all.contains("class=\"pager\""), "one page has no pager")
            #expect(try await Page(client, "/proposals?stage=open").proposalLinks == [record.open])
            #expect(try await Page(client, "/proposals?stage=decided").proposalLinks == [record.withoutVote, record.adopted])
            #expect(try await Page(client, "/proposals?stage=withdrawn").proposalLinks == [record.withdrawn])
            #expect(try await Page(client, "/proposals?kind=norm").proposalLinks == [record.open, record.adopted])
            #expect(try await Page(client, "/proposals?kind=norm&stage=decided").proposalLinks == [record.adopted])
            let none = try await Page(client, "/proposals?kind=admission")
            #expect(none.proposalLinks.isEmpty)
            #expect(none.contains("No proposal matches these filters."))
            #expect(try await Page(client, "/proposals?page=2").proposalLinks.isEmpty)
            // Unknown filter values are ignored rather than refused.
            #expect(try await Page(client, "/proposals?stage=nonsense&kind=%3Cx%3E&page=-3").proposalLinks.count == 4)
        }
    }

    @Test("a decided proposal: every vote as it stands with its act, the tally, the rule in plain words and the decision")
    func decidedProposal() async throws {
        try await withPages { record, _, client in
            let proposal = try #require(record.scenario.proposal(record.adopted))
            let ballot = try #require(proposal.ballot)
            let page = try await Page(client, "/proposals/\(record.adopted)")
            #expect(page.h1 == ["Protect critical infrastructure"])
            let names = Dictionary(uniqueKeysWithValues: record.scenario.state.sortedMembers.map { ($0.id, $0.displayName) })
            let expected = ballot.votes.sorted { $0.key < $1.key }.map { id, vote in
                Page.VoteRow(member: names[id]!, choice: vote.choice.rawValue.capitalized, act: vote.index)
            }
            #expect(page.votes == expected)
            #expect(page.votes.map(\.choice) == ["Yes", "Yes", "Abstain"])
            #expect(page.contains("Yes <span class=\"note\">(changed its vote once)</span>"))
            for (label, value) in [("Yes", 2), ("No", 0), ("Abstain", 1), ("Did not vote", 0), ("Electorate", 3)] {
                #expect(page.contains("<tr><th scope=\"row\">\(label)</th><td>\(value)</td></tr>"), "\(label)")
            }
            #expect(page.contains("<strong>Decision: Adopted</strong> — <a href=\"/acts/\(try #require(proposal.decisionIndex))\">"))
            #expect(page.contains("A simple majority: the proposal is adopted if more members vote yes than no."))
            #expect(
                page.contains("Quorum: more than 1/2 of the 3 members of the electorate must vote yes, no or abstain, that is at least 2 members.")
            )
            #expect(page.contains("3 members voted, at least the 2 needed: the quorum is met."))
            #expect(page.contains("2 yes against 0 no: the majority is reached."))
            #expect(page.contains(Page.escape(Self.explanation)))
            // The text's Markdown rendered, its heading below the page's "Proposal text".
            let document = "<h3>Protect critical infrastructure</h3><p>Members do not attack the critical infrastructure of others.</p>"
            #expect(page.contains("<div class=\"document\" lang=\"en\">\(document)</div>"))
            #expect(page.contains("<caption>Final count</caption>") && !page.contains("as they stand"))
            #expect(page.contains("<dt>Stage</dt><dd><span class=\"wrap-anywhere\">Concluded</span></dd>"))
            #expect(page.contains("<dt>Outcome</dt><dd><span class=\"wrap-anywhere\">Adopted</span></dd>"))
            #expect(!page.contains("<dt>Status</dt>"))
            // The timeline links every act on the proposal, each vote cast included, in log order.
            let acts = (proposal.timeline.map(\.index) + ballot.cast.map(\.index) + proposal.explanations.map(\.index)).sorted()
            #expect(page.timeline == acts)
            #expect(page.contains("Member fr voted No"))
        }
    }

    @Test("other proposals: adopted without a vote, withdrawn, and open; titles are escaped")
    func otherProposals() async throws {
        try await withPages { record, _, client in
            let silent = try await Page(client, "/proposals/\(record.withoutVote)")
            #expect(silent.contains("<strong>Decision: Adopted without a vote</strong>"))
            #expect(silent.contains("No member asked for a recorded vote before the silence period ended"))
            #expect(silent.votes.isEmpty)
            let withdrawn = try await Page(client, "/proposals/\(record.withdrawn)")
            #expect(withdrawn.h1 == [Page.escape(Self.awkwardTitle)])
            #expect(!withdrawn.contains("<b>Mondays</b>"))
            #expect(withdrawn.contains("Withdrawn by Member ke"))
            let open = try await Page(client, "/proposals/\(record.open)")
            #expect(open.contains("<dd><span class=\"wrap-anywhere\">Consensus call</span></dd>"))
            #expect(!open.contains("Decision:"))
        }
    }

    @Test("French: by ?lang= (remembered in a cookie), by the cookie, and by Accept-Language")
    func french() async throws {
        try await withPages { record, _, client in
            let asked = try await client.execute(uri: "/proposals/\(record.adopted)?lang=fr", method: .get)
            #expect(asked.headers[.setCookie] == "lang=fr; Path=/; Max-Age=31536000; SameSite=Lax")
            #expect(asked.headers[.contentLanguage] == "fr")
            let page = Page(asked)
            #expect(page.lang == "fr")
            #expect(page.votes.map(\.choice) == ["Pour", "Pour", "Abstention"])
            #expect(page.contains("<strong>Décision\u{00A0}: Adoptée</strong>"))
            #expect(page.contains("2 pour, 0 contre : la majorité est atteinte."))
            #expect(page.contains("Majorité simple"))
            #expect(Page(try await client.execute(uri: "/members", method: .get, headers: [.cookie: "lang=fr"])).h1 == ["Membres"])
            let negotiated = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "de-CH, fr;q=0.8, en;q=0.5"])
            #expect(Page(negotiated).lang == "fr")
            #expect(negotiated.headers[.setCookie] == nil)
            #expect(try await Page(client, "/log?lang=fr").h1 == ["Le journal de transparence"])
            #expect(try await Page(client, "/exchange?lang=fr").h1 == ["Échanges"])
            #expect(try await Page(client, "/?lang=zz").lang == "en")
        }
    }

    @Test("the log page lists the latest acts, newest first, and pages back")
    func logPage() async throws {
        try await withPages { record, _, client in
            let count = UInt64(record.scenario.entries.count)
            let latest = try await Page(client, "/log")
            #expect(latest.actLinks.first == count - 1)
            #expect(latest.actLinks == Array((0..<count).reversed()))
            #expect(latest.contains("<td>Vote</td><td>Member fr</td>"))
            #expect(latest.contains("<td>Consensus call</td><td>The node</td>"))
            let french = try await Page(client, "/log?lang=fr")
            #expect(french.contains("<td>Appel au consensus</td>") && !french.contains("consensus-call"), "the act types in the reader's language")
            let older = try await Page(client, "/log?before=5")
            #expect(older.actLinks == [4, 3, 2, 1, 0])
            #expect(older.contains("<td>Founding of the forum</td><td>The node</td>"))
        }
    }

    @Test("an act's page: its exact signed note, its signer, its inclusion proof once published, and the commands")
    func actPage() async throws {
        try await withPages { record, node, client in
            let vote = try #require(record.scenario.proposal(record.adopted)?.ballot?.votes[try MemberID("fr")]?.index)
            var page = try await Page(client, "/acts/\(vote)")
            #expect(page.h1 == ["Act \(vote)"])
            let entry = record.scenario.entries[Int(vote)]
            #expect(
                page.contains("<pre id=\"signed-note\" class=\"note\" tabindex=\"0\">\(Page.escape(String(decoding: entry, as: UTF8.self)))</pre>")
            )
            #expect(page.contains("<td>Member fr</td>"))
            #expect(page.contains("<dd>Vote <span class=\"id\">(<code>vote</code>)</span></dd>"))
            #expect(page.contains("No checkpoint includes this act yet"))

            try await node.log.integrateAndPublish()
            page = try await Page(client, "/acts/\(vote)")
            let receipt = try await node.log.receipt(index: vote)
            #expect(page.count("<li><code>") == receipt.proof.count)
            for hash in receipt.proof { #expect(page.contains("<li><code>\(hash.base64)</code></li>")) }
            #expect(page.contains(Page.escape(String(decoding: receipt.bytes, as: UTF8.self))))
            let key = node.log.signer.verifier.description
            #expect(page.contains("roundtable log prove --url http://127.0.0.1:8080/log --vkey \(key) --index \(vote)"))
            #expect(page.contains("<a href=\"/proposals/\(record.adopted)\">Proposal \(record.adopted)</a>"))
            // No witness cosigns this forum's checkpoints: the page gives the node's time, and says whose clock it is.
            let signedAt = try #require(try await node.store.loggingTimes(of: [vote])[vote]?.signed)
            let signed = Self.time(signedAt)
            #expect(page.contains("<p class=\"witnessed\">Logged by \(signed) by the node’s own clock"))
            // Each member act on the proposal's timeline says when it was logged; the node's acts carry their own time.
            let proposal = try await Page(client, "/proposals/\(record.adopted)")
            #expect(proposal.contains("voted Yes <span class=\"time\">(logged by \(signed), by the node’s clock)</span>"))
            #expect(proposal.count(", by the node’s clock)") == proposal.timeline.count - proposal.count("UTC)</span>"))
        }
    }

    @Test("the exchange page of a forum without collections says so")
    func exchangeWithoutCollections() async throws {
        try await withPages { _, _, client in
            let page = try await Page(client, "/exchange")
            #expect(page.h1 == ["Exchange"])
            #expect(page.contains("The forum has no collection yet."))
        }
    }

    @Test("no page shows a string key instead of its text")
    func noMissingStrings() async throws {
        try await withPages { record, _, client in
            let paths =
                ["/", "/members", "/proposals", "/log", "/exchange", "/communication", "/acts/0"]
                + [record.adopted, record.withoutVote, record.withdrawn, record.open].map { "/proposals/\($0)" }
            for path in paths {
                for lang in ["en", "fr"] {
                    let page = try await Page(client, path + "?lang=" + lang)
                    #expect(page.status == .ok, "\(path)")
                    let keys = page.html.matches(of: Self.untranslatedKey)
                    #expect(keys.isEmpty, "\(path) in \(lang) shows \(keys.map { String($0.1) })")
                }
            }
        }
    }

    // MARK: - Bad addresses

    @Test("unknown and malformed addresses get a page that says what is wrong, with the right status")
    func badAddresses() async throws {
        try await withPages { record, _, client in
            let unknown = try await Page(client, "/proposals/999")
            #expect(unknown.status == .notFound)
            #expect(unknown.contains("There is no proposal 999."))
            let notNumber = try await Page(client, "/proposals/ten")
            #expect(notNumber.status == .badRequest)
            #expect(notNumber.contains("“ten” cannot be used here: give a whole number, such as 0, 1 or 2."))
            #expect(try await Page(client, "/proposals/01").status == .badRequest)
            let past = try await Page(client, "/acts/\(record.scenario.entries.count)")
            #expect(past.status == .notFound)
            #expect(past.contains("The log has no act \(record.scenario.entries.count) yet: it holds \(record.scenario.entries.count) acts"))
            let negative = try await Page(client, "/acts/-1")
            #expect(negative.status == .badRequest)
            #expect(negative.contains("“-1” cannot be used here") && !negative.contains("is not a number"))
            #expect(try await Page(client, "/acts/99999999999999999999999").status == .badRequest)
            let french = try await Page(client, "/proposals/999?lang=fr")
            #expect(french.status == .notFound && french.contains("Il n’y a pas de proposition 999."))
            let go = try await client.execute(uri: "/acts?index=5", method: .get)
            #expect(go.status == .seeOther)
            #expect(go.headers[.location] == "/acts/5")
            let script = try await Page(client, "/acts?index=%3Cscript%3E")
            #expect(script.status == .badRequest)
            #expect(script.contains("“&lt;script&gt;” cannot be used here") && !script.contains("<script>"))
        }
    }

    @Test("an address no route serves is a page in the reader's language for a browser, and a plain 404 for programs")
    func unknownAddresses() async throws {
        try await withPages { _, _, client in
            let page = try await Page(client, "/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.h1 == ["Not found"])
            #expect(page.contains("There is no page at /no-such-page."))
            let french = try await Page(client, "/no-such-page?lang=fr")
            #expect(french.status == .notFound && french.lang == "fr")
            #expect(french.contains("Il n’y a pas de page à l’adresse /no-such-page."))
            let script = try await Page(client, "/%3Cscript%3E")
            #expect(script.status == .notFound && !script.contains("<script>"))
            for path in ["/api/v1/nothing", "/log/nothing", "/taxii2/nothing", "/assets/nothing.css"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] != "text/html; charset=utf-8", "\(path)")
            }
            let post = try await client.execute(uri: "/no-such-page", method: .post)
            #expect(post.status == .notFound && post.headers[.contentType] != "text/html; charset=utf-8")
            // A 404 a route itself answers keeps its own form.
            #expect(try await client.execute(uri: "/api/v1/members/zz", method: .get).headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test("pages carry a strict content security policy (scripts of this node only, none inline), and the style sheet and script are served")
    func headers() async throws {
        try await withPages { _, _, client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                response.headers[.contentSecurityPolicy]
                    == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
                    + "base-uri 'none'; frame-ancestors 'none'")
            let page = try await Page(client, "/")
            #expect(page.count("<script") == 1 && page.contains("<script src=\"/assets/roundtable.js\" defer></script>"), "no inline script")
            let script = try await client.execute(uri: "/assets/roundtable.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(String(buffer: script.body).contains("crypto.subtle.importKey(\"pkcs8\""))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            let css = try await client.execute(uri: "/assets/roundtable.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: css.body).contains(":focus-visible"))
        }
    }

    /// A time as the English pages write it (the formats themselves are checked in the localizer's tests).
    static func time(_ timestamp: Timestamp) -> String { english.time(timestamp) }
    static let english = try! PageRenderer().localizer(for: .english)
}
