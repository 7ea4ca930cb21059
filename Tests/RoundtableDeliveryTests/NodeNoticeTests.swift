import HashTreeCollections
import Foundation
import RoundtableDelivery
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// The node's notices, end to end: a check written by the node reaches the contact's webhook, signed with the node key,
/// and its e-mail, through msmtp to a real SMTP sink; the contact acknowledges with the nonce it got; the attempts are
/// kept for the sender.
@Suite("Notices from a node to its members' contacts")
struct NodeNoticeTests {
    @Test("a check's notice reaches the contact's webhook (verified with the forum's key) and its mailbox, with the nonce and no sealed content")
    func checkNotice() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let sink = try MailSink()
        defer { sink.stop() }
        let receiver = WebhookReceiver(verifierKey: forum.node.verifier.description)
        var configuration = RoundtableConfiguration(publicURL: "http://127.0.0.1:9")
        configuration.mail = MailSender.Configuration(from: "node@forum.test", command: try sink.msmtpCommand(from: "node@forum.test"))
        configuration.noticeRetry = RetryPolicy(firstDelay: .milliseconds(20), maximumAttempts: 3)
        let dispatcher = NoticeDispatcher(forum: node, configuration: configuration)
        node.sendNotices(to: dispatcher)
        let queue = Task { try await dispatcher.queue.run() }
        defer {
            dispatcher.queue.shutdown()
            queue.cancel()
        }

        try await receiver.serve { url in
            let details = ContactDetails(
                name: "Wanjiru Kamau", organisation: "KE-CIRT/CC", languages: ["fr", "en"], hours: "24/7", email: "duty@ke.test",
                webhook: url.absoluteString)
            let bytes = try SealedDocuments.encode(details)
            let entry = try ContactEntry(id: "tech", role: .technical, details: SealedDocuments.commitment(bytes), key: nil)
            _ = try await node.submit(try forum.act(by: "ke", seq: 1, .contact(.add(entry))), sealed: bytes)
            let check = try #require(try await node.performDueCommunication(now: Timestamp(seconds: 1_800_000_000)).first).index

            let deadline = ContinuousClock.now + .seconds(30)
            while try (receiver.received.isEmpty || sink.messages().isEmpty) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let hook = try #require(receiver.received.first)
            #expect(hook.refusal == nil, "the receiver verifies the signature with the forum's key")
            let notice = try Notice(json: hook.body)
            #expect(notice.kind == .check && notice.index == check && notice.member == "ke" && notice.contact == "tech")
            #expect(notice.fetch == "http://127.0.0.1:9/api/v1/inbox?after=\(check - 1)")
            let nonce = try #require(notice.nonce.flatMap { Hex.decode($0) })
            #expect(!String(decoding: hook.body, as: UTF8.self).contains("Wanjiru"))

            let mail = try #require(try sink.messages().first)
            #expect(mail.rcptTos == ["duty@ke.test"])
            #expect(mail.body.contains(Hex.encode(nonce)) && mail.body.contains(notice.fetch))
            #expect(!mail.body.contains("Wanjiru") && !mail.body.contains("KE-CIRT"))

            // The nonce from the notice acknowledges the check.
            _ = try await node.submit(try forum.act(by: "ke", seq: 2, .acknowledge(.check(check, contact: "tech", nonce: nonce))))
            #expect(node.state.communication.checks[check]?.answeredInTime("tech") == true)

            while try await store.deliveryAttempts(forAct: check).filter(\.delivered).count < 2 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let attempts = try await store.deliveryAttempts(forAct: check)
            #expect(Set(attempts.filter(\.delivered).map(\.channel)) == ["webhook", "mail"])
        }
    }
}
