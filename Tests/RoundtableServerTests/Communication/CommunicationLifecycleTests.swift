import HashTreeCollections
import RoundtableDomain
import RoundtableNode
import RoundtableTestSupport
import Testing
import TransparencyLog

/// The communication mechanism on a node: contacts, checks decided by log position, requests across three members,
/// and what the public log shows of them.
@Suite("Communication: contacts, checks and requests on a node")
struct CommunicationLifecycleTests {
    static let t0 = Timestamp(seconds: 1_800_000_000)

    static func details(_ name: String) -> ContactDetails {
        ContactDetails(
            name: name, title: "Duty officer", organisation: "National CERT", languages: ["en", "fr"], hours: "24/7", email: "duty@ke.test")
    }

    /// Adds a contact with sealed details; returns the receipt's index.
    @discardableResult
    static func addContact(
        _ forum: TestForum, _ node: ForumNode<InMemoryForumStore>, member: String, seq: UInt64, id: String, role: ContactRole = .technical,
        key: NoteVerifier? = nil
    ) async throws -> UInt64 {
        let bytes = try SealedDocuments.encode(details("Contact \(id)"))
        let entry = try ContactEntry(id: id, role: role, details: SealedDocuments.commitment(bytes), key: key)
        return try await node.submit(try forum.act(by: member, seq: seq, .contact(.add(entry))), sealed: bytes).index
    }

    static func refusal(_ code: ActError.Code, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code)")
        } catch let error as ActError {
            #expect(error.code == code, "\(error)")
        } catch {
            Issue.record("expected \(code), got \(error)")
        }
    }

    @Test("a check is answered in time when the acknowledgement is in the log before the overdue act; a contact key signs only acks")
    func checkByLogPosition() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let contactKey = try NoteSigner.generate(name: "ke.test/tech")
        try await Self.addContact(forum, node, member: "ke", seq: 1, id: "dip", role: .diplomatic)
        try await Self.addContact(forum, node, member: "ke", seq: 2, id: "tech", key: contactKey.verifier)

        let opened = try await node.performDueCommunication(now: Self.t0)
        #expect(opened.map(\.act) == ["check"])
        let checkIndex = opened[0].index
        let items = node.inbox(for: try MemberID("ke"), after: nil)
        let nonces = Dictionary(uniqueKeysWithValues: try #require(items.first { $0.kind == .check }).contacts.map { ($0.id, $0.nonce!) })
        #expect(nonces.keys.sorted() == ["dip", "tech"])
        #expect(node.inbox(for: try MemberID("fr"), after: nil).isEmpty)

        await Self.refusal(.wrongNonce) {
            _ = try await node.submit(try forum.act(by: "ke", seq: 3, .acknowledge(.check(checkIndex, contact: "dip", nonce: nonces["tech"]!))))
        }
        await Self.refusal(.contactKeyNotAllowed) {
            _ = try await node.submit(try forum.act(by: "ke", seq: 3, .vote(proposal: 1, choice: .yes), signer: contactKey))
        }
        await Self.refusal(.notAddressed) {
            _ = try await node.submit(try forum.act(by: "fr", seq: 1, .acknowledge(.check(checkIndex, contact: "tech", nonce: nonces["tech"]!))))
        }
        let techAck = try await node.submit(
            try forum.act(by: "ke", seq: 3, .acknowledge(.check(checkIndex, contact: "tech", nonce: nonces["tech"]!)), signer: contactKey))

        // Before the deadline nothing is overdue; at it, the silent contact is named.
        #expect(try await node.performDueCommunication(now: Self.t0.adding(3_600)).isEmpty)
        let overdue = try await node.performDueCommunication(now: Self.t0.adding(72 * 3_600))
        #expect(overdue.map(\.act) == ["overdue"])
        #expect(techAck.index + 1 == overdue[0].index)
        let lateAck = try await node.submit(try forum.act(by: "ke", seq: 4, .acknowledge(.check(checkIndex, contact: "dip", nonce: nonces["dip"]!))))
        #expect(lateAck.index == overdue[0].index + 1)

        let check = try #require(node.state.communication.checks[checkIndex])
        #expect(check.answeredInTime("tech"))
        #expect(!check.answeredInTime("dip"))
        #expect(check.acknowledged["dip"] == lateAck.index)
        let entry = try #require(try await store.entry(at: overdue[0].index))
        #expect(String(decoding: entry, as: UTF8.self).contains("contacts dip\n"))

        // The nonces live beside the log: a node reopened on the store still shows them to the member.
        let reopened = try await forum.open(on: store)
        let again = try #require(reopened.inbox(for: try MemberID("ke"), after: nil).first { $0.kind == .check })
        #expect(again.contacts.map { $0.nonce } == ["dip", "tech"].map { nonces[$0] })
        #expect(reopened.state.communication.ledger.documents.count == 2, "both contacts' details, read again at start")
        #expect(reopened.state.communication == node.state.communication)
    }

    @Test("a request to two members: delivered without naming the requester, acknowledged, answered, overdue, closed")
    func requestLifecycle() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let ee = try MemberID("ee")
        let fr = try MemberID("fr")
        let ke = try MemberID("ke")
        let content = RequestContent(
            kind: .assistance, to: [fr, ke], subject: "Wiper on port authority hosts", body: "Please **check** the hashes.", tlp: "amber",
            references: ["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"])
        let bytes = try SealedDocuments.encode(content)
        let commitment = SealedDocuments.commitment(bytes)

        await Self.refusal(.wrongParties) {
            let named = RequestDraft(urgency: .urgent, recipients: .named([fr, ke]), content: commitment)
            _ = try await node.submit(try forum.act(by: "ee", seq: 1, .request(named)), sealed: bytes)
        }
        let draft = RequestDraft(urgency: .urgent, recipients: .sealed(count: 2), content: commitment)
        await Self.refusal(.malformedAct) { _ = try await node.submit(try forum.act(by: "ee", seq: 1, .request(draft))) }
        await Self.refusal(.malformedAct) {
            _ = try await node.submit(try forum.act(by: "ee", seq: 1, .request(draft)), sealed: bytes + Array(" ".utf8))
        }
        let request = try await node.submit(try forum.act(by: "ee", seq: 1, .request(draft)), sealed: bytes).index

        let delivered = try await node.performDueCommunication(now: Self.t0)
        #expect(delivered.map(\.act) == ["deliver"], "one act delivers the request to both recipients")
        let delivery = delivered[0].index
        #expect(node.state.communication.recipients(ofDeliveries: delivery) == [fr, ke])
        let (toFr, toKe) = (DeliveryID(index: delivery, recipient: fr), DeliveryID(index: delivery, recipient: ke))
        let text = String(decoding: try #require(try await store.entry(at: delivery)), as: UTF8.self)
        // The words of the note, not its signature, whose base64 may hold any two letters.
        let words = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.flatMap { $0.split(separator: " ") }
        #expect(!words.contains("request") && !words.contains("ee"), "a delivery names neither the request nor the requester: \(text)")
        #expect(text.contains("\nto fr urgency urgent ack-by ") && text.contains("\nto ke urgency urgent ack-by "))
        let frInbox = node.inbox(for: fr, after: nil)
        #expect(frInbox.map(\.kind) == [.request])
        #expect(frInbox[0].party == ee && frInbox[0].request == request)

        await Self.refusal(.wrongStage) {
            _ = try await node.submit(
                try forum.act(by: "fr", seq: 1, .answer(delivery: delivery, status: .accepted, content: commitment)), sealed: bytes)
        }
        await Self.refusal(.notAddressed) { _ = try await node.submit(try forum.act(by: "ee", seq: 2, .acknowledge(.delivery(delivery)))) }
        await Self.refusal(.unknownCommunication) {
            _ = try await node.submit(try forum.act(by: "fr", seq: 1, .acknowledge(.delivery(delivery + 1))))
        }
        let ack = try await node.submit(try forum.act(by: "fr", seq: 1, .acknowledge(.delivery(delivery))))
        let answerBytes = try SealedDocuments.encode(AnswerContent(body: "Accepted; our duty team is on it."))
        let answer = try await node.submit(
            try forum.act(by: "fr", seq: 2, .answer(delivery: delivery, status: .accepted, content: SealedDocuments.commitment(answerBytes))),
            sealed: answerBytes)

        let overdue = try await node.performDueCommunication(now: Self.t0.adding(24 * 3_600))
        #expect(overdue.map(\.act) == ["overdue"])
        #expect(node.state.communication.deliveries[toKe]?.overdue == overdue[0].index)
        #expect(node.state.communication.deliveries[toFr]?.acknowledgedInTime == true)
        let overdueText = String(decoding: try #require(try await store.entry(at: overdue[0].index)), as: UTF8.self)
        #expect(overdueText.contains("\ndelivery \(delivery)\nto ke\nat "), "the overdue act names the silent recipient only: \(overdueText)")
        let eeInbox = node.inbox(for: ee, after: nil)
        #expect(eeInbox.map(\.kind) == [.acknowledgement, .answer, .overdue])
        #expect(eeInbox.map(\.index) == [ack.index, answer.index, overdue[0].index])

        _ = try await node.submit(try forum.act(by: "ee", seq: 2, .closeRequest(request: request, outcome: .resolved)))
        await Self.refusal(.requestClosed) {
            let more = try SealedDocuments.encode(AnswerContent(body: "More."))
            _ = try await node.submit(
                try forum.act(by: "fr", seq: 3, .answer(delivery: delivery, status: .provided, content: SealedDocuments.commitment(more))),
                sealed: more)
        }
        #expect(node.inbox(for: ke, after: overdue[0].index).map(\.kind) == [.closed])

        // The public log: no content anywhere, deliveries not linked to the request, and the same figures.
        let count = try await store.entryCount()
        let entries = try await store.entries(from: 0, limit: Int(count))
        for entry in entries { #expect(!String(decoding: entry, as: UTF8.self).contains("Wiper")) }
        var replay = ForumReplay()
        for entry in entries { replay.apply(entry: entry, checkingSignature: true) }
        #expect(replay.problems.isEmpty)
        let publicState = try #require(replay.state)
        #expect(publicState.communication.ledger == SealedLedger())
        #expect(publicState.communication.deliveries[toFr]?.opening.request == nil)
        #expect(publicState.communication.deliveries == node.state.communication.deliveries)
        // Reopened on the store, the node has what it kept beside the log, and no request's or answer's content.
        let reopened = try await forum.open(on: store)
        #expect(reopened.state.communication == node.state.communication)
    }

    @Test("under request-parties public the act names its recipients and each delivery its request")
    func publicParties() async throws {
        var rules = Rules.defaults
        rules = try rules.applying([.requestParties(.public)])
        let forum = try TestForum(rules: rules)
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let fr = try MemberID("fr")
        let content = RequestContent(kind: .information, to: [fr], subject: "Contact for the CBM", body: "Who?", tlp: "green")
        let bytes = try SealedDocuments.encode(content)
        let draft = RequestDraft(urgency: .routine, recipients: .named([fr]), content: SealedDocuments.commitment(bytes))
        let request = try await node.submit(try forum.act(by: "ee", seq: 1, .request(draft)), sealed: bytes).index
        let delivered = try await node.performDueCommunication(now: Self.t0)
        let text = String(decoding: try #require(try await store.entry(at: delivered[0].index)), as: UTF8.self)
        #expect(text.contains("request \(request)\n"))
        #expect(node.state.communication.requests[request]?.deliveries == [DeliveryID(index: delivered[0].index, recipient: fr)])
        await Self.refusal(.notAddressed) {
            _ = try await node.submit(try forum.act(by: "fr", seq: 1, .closeRequest(request: request, outcome: .resolved)))
        }
    }

    @Test("requests waiting for one recipient take a deliver act each, written in one run, in one commit, at consecutive sequence numbers")
    func deliverActsOfOneRun() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let fr = try MemberID("fr")
        var requests: [UInt64] = []
        var sequences: [String: UInt64] = [:]
        for (member, subject) in [("ee", "First"), ("ke", "Second"), ("ee", "Third")] {
            let content = RequestContent(kind: .information, to: [fr], subject: subject, body: "Who?", tlp: "green")
            let bytes = try SealedDocuments.encode(content)
            let draft = RequestDraft(urgency: .routine, recipients: .sealed(count: 1), content: SealedDocuments.commitment(bytes))
            sequences[member, default: 0] += 1
            let act = try forum.act(by: member, seq: sequences[member]!, .request(draft))
            requests.append(try await node.submit(act, sealed: bytes).index)
        }
        let sequence = node.state.nodeSequence
        let appends = await store.appends
        let delivered = try await node.performDueCommunication(now: Self.t0)
        #expect(delivered.map(\.act) == ["deliver", "deliver", "deliver"], "a deliver act names each recipient once")
        #expect(await store.appends == appends + 1, "the three share one commit")
        #expect(delivered.map(\.index) == [requests[2] + 1, requests[2] + 2, requests[2] + 3])
        #expect(node.state.nodeSequence == sequence + 3)
        let inbox = node.inbox(for: fr, after: nil)
        #expect(inbox.map(\.kind) == [.request, .request, .request])
        #expect(Set(inbox.compactMap(\.request)) == Set(requests))
        #expect(try await node.performDueCommunication(now: Self.t0).isEmpty, "nothing is delivered twice")
    }
}
