import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableAPI
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// The communication endpoints through the real router: acts with sealed documents as JSON, the inbox and its event
/// stream, contacts and requests, each for members with their tokens only, and each request for its parties only.
@Suite("Communication endpoints: sealed acts, inbox, stream, contacts, requests")
struct CommunicationEndpointTests {
    static let t0 = Timestamp(seconds: 1_800_000_000)
    static let quiet = RoundtableConfiguration(checkpointInterval: nil, clerkInterval: nil)

    static func token(_ member: String) -> String { "token-of-\(member)" }
    static func bearer(_ member: String) -> HTTPFields { [.authorization: "Bearer \(token(member))"] }

    /// A forum of ee, fr and ke, each with an API token (seq 1).
    static func node(_ forum: TestForum) async throws -> ForumNode<InMemoryForumStore> {
        let node = try await forum.open(on: InMemoryForumStore())
        for member in ["ee", "fr", "ke"] {
            let registration = try GovernanceEndpointTests.registration("api", token: token(member))
            _ = try await node.submit(try forum.credentialAct(by: member, seq: 1, [.addToken(registration)]))
        }
        return node
    }

    static func json(_ act: [UInt8], sealed: [UInt8]?) throws -> ByteBuffer {
        let body = API.SealedSubmission(act: String(decoding: act, as: UTF8.self), sealed: sealed.map { Data($0).base64EncodedString() })
        return ByteBuffer(bytes: Array(try JSONEncoder().encode(body)))
    }

    static func contactAct(_ forum: TestForum, member: String, seq: UInt64, id: String) throws -> (act: [UInt8], sealed: [UInt8]) {
        let details = ContactDetails(
            name: "Duty officer \(member)", organisation: "CERT-\(member)", languages: ["en"], hours: "24/7", email: "duty@\(member).test")
        let bytes = try SealedDocuments.encode(details)
        let entry = try ContactEntry(id: id, role: .technical, details: SealedDocuments.commitment(bytes), key: nil)
        return (try forum.act(by: member, seq: seq, .contact(.add(entry))), bytes)
    }
}

extension TestClientProtocol {
    func postJSON(_ body: ByteBuffer) async throws -> TestResponse {
        try await execute(uri: "/api/v1/acts", method: .post, headers: [.contentType: "application/json"], body: body)
    }

    func get(_ uri: String, as member: String?) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: member.map(CommunicationEndpointTests.bearer) ?? [:])
    }
}

extension CommunicationEndpointTests {
    @Test("a contact act with its sealed details as JSON; members read the details, the public gets 401")
    func contacts() async throws {
        let forum = try TestForum()
        let node = try await Self.node(forum)
        let (act, sealed) = try Self.contactAct(forum, member: "ke", seq: 2, id: "duty")
        try await withNode(node, configuration: Self.quiet) { client in
            let created = try await client.postJSON(try Self.json(act, sealed: sealed))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(try created.decode(API.ActReceipt.self).act == "contact")

            let list = try await client.get("/api/v1/contacts?member=ke", as: "ee")
            #expect(list.status == .ok)
            let contact = try #require(try list.decode(API.ContactList.self).contacts.first)
            #expect(contact.member == "ke" && contact.id == "duty" && contact.role == "technical")
            #expect(contact.details?.name == "Duty officer ke")
            #expect(contact.detailsSHA256 == Hex.encode(SealedDocuments.commitment(sealed)))
            #expect(try await client.get("/api/v1/contacts", as: "fr").decode(API.ContactList.self).contacts.map(\.id) == ["duty"])
            #expect(try await client.get("/api/v1/contacts?member=zz", as: "ee").errorCode == "unknown_member")

            let anonymous = try await client.get("/api/v1/contacts", as: nil)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "unauthenticated")
            #expect(try await client.execute(uri: "/api/v1/contacts", method: .get, headers: [.authorization: "Bearer nope"]).status == .unauthorized)
        }
    }

    @Test("malformed JSON, base64 or sealed document is refused with its code, and nothing is written")
    func malformedSubmissions() async throws {
        let forum = try TestForum()
        let node = try await Self.node(forum)
        let (act, sealed) = try Self.contactAct(forum, member: "ke", seq: 2, id: "duty")
        let before = try await node.store.entryCount()
        try await withNode(node, configuration: Self.quiet) { client in
            #expect(try await client.postJSON(ByteBuffer(string: "{\"act\": ")).errorCode == "malformed_json")
            #expect(try await client.postJSON(ByteBuffer(string: "[1, 2]")).errorCode == "malformed_json")
            let quoted = String(decoding: try JSONEncoder().encode(String(decoding: act, as: UTF8.self)), as: UTF8.self)
            for body in [
                "{\"act\": 5}", "{\"act\": \(quoted), \"sealed\": 5}", "{\"act\": \(quoted), \"act\": \(quoted)}", "{\"sealed\": \"AA==\"}",
                "{\"act\": \(quoted)} trailing", "\"act\"",
            ] {
                #expect(try await client.postJSON(ByteBuffer(string: body)).errorCode == "malformed_json", "\(body)")
            }
            let nullSealed = try await client.postJSON(ByteBuffer(string: "{\"act\": \(quoted), \"sealed\": null}"))
            #expect(nullSealed.errorCode == "malformed_act", "a null document is no document, which a contact act needs")
            let badBase64 = "{\"act\": \(quoted), \"sealed\": \"%%%\"}"
            let refused = try await client.postJSON(ByteBuffer(string: badBase64))
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "malformed_base64")
            var tampered = sealed
            tampered[tampered.count / 2] ^= 0x01
            #expect(try await client.postJSON(try Self.json(act, sealed: tampered)).errorCode == "malformed_act")
            #expect(try await client.postJSON(try Self.json(act, sealed: nil)).errorCode == "malformed_act")
            let notJSON = Array("not a document".utf8)
            let entry = try ContactEntry(id: "duty", role: .technical, details: SealedDocuments.commitment(notJSON), key: nil)
            let other = try forum.act(by: "ke", seq: 2, .contact(.add(entry)))
            #expect(try await client.postJSON(try Self.json(other, sealed: notJSON)).errorCode == "malformed_act")
            #expect(try await client.submit(act).errorCode == "malformed_act", "text/plain has no room for the sealed document")
        }
        #expect(try await node.store.entryCount() == before)
        #expect(node.state.communication.contacts.isEmpty)
        #expect(node.state.communication.ledger == SealedLedger())
    }

    @Test("the inbox shows a member its own check with the nonces; another member sees nothing; 401 without a token")
    func inbox() async throws {
        let forum = try TestForum()
        let node = try await Self.node(forum)
        let (act, sealed) = try Self.contactAct(forum, member: "ke", seq: 2, id: "duty")
        _ = try await node.submit(act, sealed: sealed)
        let check = try #require(try await node.performDueCommunication(now: Self.t0).first).index
        try await withNode(node, configuration: Self.quiet) { client in
            let inbox = try await client.get("/api/v1/inbox", as: "ke").decode(API.Inbox.self)
            let item = try #require(inbox.items.first)
            #expect(item.kind == "check" && item.index == check && item.check == check)
            #expect(item.contacts?.first?.id == "duty")
            #expect(item.contacts?.first?.nonce?.count == 32)
            #expect(item.deadline == Self.t0.adding(72 * 3_600).description)
            #expect(item.party == nil && item.status == nil, "nulls are left out")
            #expect(inbox.next == check)
            let later = try await client.get("/api/v1/inbox?after=\(check)", as: "ke").decode(API.Inbox.self)
            #expect(later.items.isEmpty && later.next == check)
            #expect(try await client.get("/api/v1/inbox", as: "fr").decode(API.Inbox.self).items.isEmpty)
            #expect(try await client.get("/api/v1/inbox", as: nil).status == .unauthorized)
            #expect(try await client.get("/api/v1/inbox?after=x", as: "ke").errorCode == "bad_parameter")
            #expect(try await client.get("/api/v1/inbox?limit=0", as: "ke").errorCode == "bad_parameter")
            #expect(try await client.get("/api/v1/inbox/stream", as: nil).status == .unauthorized)
        }
    }

    @Test("a request, its delivery, acknowledgement and answer: each party sees its share, anyone else gets unknown_request")
    func requests() async throws {
        let forum = try TestForum()
        let node = try await Self.node(forum)
        let content = RequestContent(kind: .assistance, to: [try MemberID("ke")], subject: "Wiper", body: "Please check.", tlp: "amber")
        let bytes = try SealedDocuments.encode(content)
        let draft = RequestDraft(urgency: .urgent, recipients: .sealed(count: 1), content: SealedDocuments.commitment(bytes))
        let answer = try SealedDocuments.encode(AnswerContent(body: "On it."))
        try await withNode(node, configuration: Self.quiet) { client in
            let sent = try await client.postJSON(try Self.json(try forum.act(by: "ee", seq: 2, .request(draft)), sealed: bytes))
            let request = try sent.decode(API.ActReceipt.self).index
            let delivery = try #require(try await node.performDueCommunication(now: Self.t0).first).index
            _ = try await node.submit(try forum.act(by: "ke", seq: 2, .acknowledge(.delivery(delivery))))
            let answerAct = try forum.act(
                by: "ke", seq: 3, .answer(delivery: delivery, status: .provided, content: SealedDocuments.commitment(answer)))
            #expect(try await client.postJSON(try Self.json(answerAct, sealed: answer)).status == .created)

            let mine = try await client.get("/api/v1/requests/\(request)", as: "ee").decode(API.CommunicationRequest.self)
            #expect(mine.requester == "ee" && mine.content?.subject == "Wiper" && mine.content?.to == ["ke"])
            #expect(mine.deliveries.map(\.recipient) == ["ke"])
            #expect(mine.deliveries.first?.acknowledged != nil)
            #expect(mine.deliveries.first?.answers.first?.content?.body == "On it.")
            #expect(mine.deliveries.first?.attempts == [], "the requester sees the attempts to tell the recipients")
            let theirs = try await client.get("/api/v1/requests/\(request)", as: "ke").decode(API.CommunicationRequest.self)
            #expect(theirs.content?.body == "Please check." && theirs.deliveries.first?.attempts == nil)
            #expect(try await client.get("/api/v1/requests", as: "ke").decode(API.RequestList.self).requests.map(\.index) == [request])

            // fr, not a party, learns nothing: the same answer as for an index that is no request.
            let hidden = try await client.get("/api/v1/requests/\(request)", as: "fr")
            let absent = try await client.get("/api/v1/requests/1", as: "fr")
            #expect(hidden.status == .notFound && hidden.errorCode == "unknown_request")
            #expect(absent.status == .notFound && absent.errorCode == "unknown_request")
            #expect(try await client.get("/api/v1/requests", as: "fr").decode(API.RequestList.self).requests.isEmpty)
            #expect(try await client.get("/api/v1/requests/\(request)", as: nil).status == .unauthorized)
            #expect(try await client.get("/api/v1/requests", as: nil).status == .unauthorized)
            #expect(!String(buffer: try await client.get("/api/v1/acts/\(request)").body).contains("Wiper"))
        }
    }
}
