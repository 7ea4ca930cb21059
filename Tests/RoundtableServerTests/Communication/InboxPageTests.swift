import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// `/inbox`: the signed-in member's inbox as a page, never anyone else's.
@Suite("The inbox page")
struct InboxPageTests {
    @Test("without a session it sends to the sign-in page; a member sees its own items, privately, with a form to answer an open request")
    func inbox() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let scenario = try await CommunicationScenario(forum: forum, node: node, withWitness: false)
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
            let anonymous = try await client.execute(uri: "/inbox", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/sign-in?next=/inbox")
            for (member, delivery) in scenario.deliveries.sorted(by: { $0.key < $1.key }) {
                let session = try await SignInTests.signIn(client, forum: forum, as: member.rawValue)
                let response = try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: "roundtable_session=\(session.cookie)"])
                #expect(response.status == .ok && response.headers[.cacheControl] == "private, no-store")
                let page = Page(response)
                #expect(page.h1 == ["Inbox"])
                #expect(page.contains("<li id=\"item-\(delivery)\"><p><a href=\"/acts/\(delivery)\">Act \(delivery)</a>: "), "\(member)")
                // fr acknowledged its delivery, ke let it go overdue: neither is offered an acknowledgement now.
                #expect(!page.contains("data-lines=\"delivery\""), "\(member)")
                #expect(page.contains("roundtable request answer --node http://127.0.0.1:8080 --key KEY-FILE --delivery \(delivery)"))
                // The request is open: both may answer it from the page, the answer's text sealed.
                #expect(page.source.contains(
                    "id=\"form-answer-\(delivery)\" hidden data-act=\"answer\" data-origin=\"forum.test\" data-by=\"\(member)\" "
                        + "data-lines=\"delivery,status,sealed\" data-optional=\"\" data-review=\"review-answer-\(delivery)\" data-sealed=\"body\""))
                #expect(page.contains("<option value=\"need-information\">more information needed</option>"))
            }
            // ke's check was answered: its contacts are not asked again; ee, the requester, sees fr's acknowledgement.
            let ee = try await SignInTests.signIn(client, forum: forum, as: "ee")
            let page = Page(try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: "roundtable_session=\(ee.cookie)"]))
            #expect(page.contains("Member fr acknowledged your request"))
            // ee may close its request from the page, once, with how it ended.
            #expect(page.count("data-act=\"close-request\"") == 1 && page.contains("data-lines=\"request,outcome\""))
            #expect(page.contains("<option value=\"withdrawn\">withdrawn</option>"))
            #expect(page.contains("<a href=\"/requests/new\">Send a request</a>"))
            let form = Page(try await client.execute(uri: "/requests/new", method: .get, headers: [.cookie: "roundtable_session=\(ee.cookie)"]))
            #expect(form.source.contains("data-act=\"request\"") && form.source.contains("data-lines=\"urgency,recipients,sealed\""))
            #expect(form.source.contains("data-sealed=\"kind,to[],subject,body,tlp,references[],answer_by?\""))
            #expect(form.contains("id=\"to-fr\"") && form.contains("id=\"to-ke\"") && !form.contains("id=\"to-ee\""), "every other member")
            // ke's points of contact: each with a form that removes it, and the form that adds or updates one.
            #expect(try await client.execute(uri: "/contacts", method: .get).headers[.location] == "/sign-in?next=/contacts")
            let ke = try await SignInTests.signIn(client, forum: forum, as: "ke")
            let contacts = Page(try await client.execute(uri: "/contacts", method: .get, headers: [.cookie: "roundtable_session=\(ke.cookie)"]))
            #expect(contacts.contains("<li id=\"contact-dip\"><p><strong>dip</strong> — Diplomatic; last checked: "))
            #expect(contacts.contains("<li id=\"contact-tech\"><p><strong>tech</strong> — Technical; last checked: "))
            #expect(contacts.source.contains("id=\"form-remove-tech\" hidden data-act=\"contact\""))
            #expect(contacts.source.contains("data-lines=\"@op id\""))
            #expect(contacts.source.contains("data-lines=\"@op id role sealed key?\""))
            #expect(contacts.source.contains("data-sealed=\"name,title?,organisation,languages[],hours,time_zone?,email?,phone?,webhook?\""))
            #expect(!page.contains("check \(scenario.check)"), "ee sees nothing of ke's check")
        }
    }

    @Test("a contact key's session reads the inbox, but the pages to propose, send requests and manage contacts answer 403")
    func contactKeySession() async throws {
        let forum = try TestForum()
        let node = try await forum.open(on: InMemoryForumStore())
        let duty = try NoteSigner.generate(name: "duty.ke.test/contact")
        let details = ContactDetails(
            name: "Duty officer", title: nil, organisation: "KE-CIRT", languages: ["en"], hours: "24/7", email: "duty@ke.test")
        let bytes = try SealedDocuments.encode(details)
        let entry = try ContactEntry(id: "duty", role: .technical, details: SealedDocuments.commitment(bytes), key: duty.verifier)
        _ = try await node.submit(try forum.act(by: "ke", seq: 1, .contact(.add(entry))), sealed: bytes)
        try await withNode(node, configuration: GovernanceEndpointTests.quiet) { client in
            let note = try SignedNote.sign(text: try await SignInTests.challenge(client), with: [duty])
            let signedIn = try await SignInTests.post(client, note.bytes)
            #expect(signedIn.status == .created)
            let cookie = try #require(signedIn.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            #expect(String(buffer: signedIn.body).contains("\"contact_key\":true"))
            for path in ["/proposals/new", "/requests/new", "/contacts"] {
                let page = Page(try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]))
                #expect(page.status == .forbidden && page.contains("signs acknowledgements and answers only"), "\(path)")
            }
            let inbox = Page(try await client.execute(uri: "/inbox", method: .get, headers: [.cookie: cookie]))
            #expect(inbox.status == .ok && inbox.contains("Signed in for Member ke, with a contact key"))
        }
    }
}
