import Crypto
import Foundation
import RoundtableAPI
import RoundtableTestSupport
import Testing
import TransparencyLog

/// Points of contact, a check and a request through the real `roundtable` executable against a real node process:
/// every step is a command a member's operator would type.
@Suite("Communication end to end: the roundtable binary against a live node")
struct CommunicationEndToEndTests {
    final class Setup {
        let directory = NSTemporaryDirectory() + "roundtable-communication-" + UUID().uuidString
        var url = ""
        func path(_ name: String) -> String { directory + "/" + name }

        /// Runs `roundtable ARGUMENTS`; fails on a non-zero exit.
        @discardableResult
        func roundtable(_ arguments: [String]) throws -> String { try Tool.run(NodeProcess.executable.path, arguments) }

        /// The signing options of a member's command.
        func signing(_ member: String) -> [String] { ["--node", url, "--key", path("\(member).key")] }
        /// The reading options of a member's command.
        func reading(_ member: String) -> [String] { ["--node", url, "--token-file", path("\(member).token")] }

        /// The inbox items of a member, decoded from `roundtable inbox`'s JSON lines.
        func inbox(_ member: String) throws -> [API.InboxItem] {
            try roundtable(["inbox", "--json"] + reading(member)).split(separator: "\n").map {
                try JSONDecoder().decode(API.InboxItem.self, from: Data($0.utf8))
            }
        }

        /// The log index in a receipt printed by a signing command.
        static func index(_ receipt: String) throws -> UInt64 {
            try JSONDecoder().decode(API.ActReceipt.self, from: Data(receipt.utf8)).index
        }
    }

    @Test("ee adds a contact and has it checked; ee asks ke for assistance, ke acknowledges and answers, ee reads and closes")
    func contactCheckAndRequest() async throws {
        let setup = Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        try FileManager.default.createDirectory(atPath: setup.directory, withIntermediateDirectories: true)
        var founders = ""
        for (id, name) in [("ee", "Republic of Estonia"), ("fr", "French Republic"), ("ke", "Republic of Kenya")] {
            let vkey = try setup.roundtable(["keygen", "--name", "\(id).example/roundtable", "--out", setup.path("\(id).key")])
            founders += "\(id) \(vkey.trimmingCharacters(in: .whitespacesAndNewlines)) \(name)\n"
        }
        try setup.roundtable(["keygen", "--name", "duty.ee.example/contact", "--out", setup.path("duty.key")])
        try founders.write(toFile: setup.path("founders.txt"), atomically: true, encoding: .utf8)
        let node = try NodeProcess(
            arguments: ["--data", setup.path("data"), "--founders", setup.path("founders.txt")], output: URL(fileURLWithPath: setup.path("node.log")))
        defer { if node.process.isRunning { _ = node.stop() } }
        try await node.waitUntilServing()
        setup.url = node.url

        // Each member registers an API token to read what is theirs.
        for member in ["ee", "ke"] {
            let token = "token-of-\(member)"
            try token.write(toFile: setup.path("\(member).token"), atomically: true, encoding: .utf8)
            let digest = Hex.encode(SHA256.hash(data: Data(token.utf8)))
            try "127.0.0.1\nact credential\nby \(member)\nseq 1\nadd-token cli \(digest)\n".write(
                toFile: setup.path("\(member)-credential.txt"), atomically: true, encoding: .utf8)
            try setup.roundtable(["act", "submit"] + setup.signing(member) + ["--text-file", setup.path("\(member)-credential.txt")])
        }

        // ee names a duty officer with a contact key, and asks for a check; the node's clerk opens it.
        try setup.roundtable(
            ["contact", "add"] + setup.signing("ee") + [
                "--id", "duty", "--role", "technical", "--name", "Duty officer", "--organisation", "CERT-EE", "--language", "en",
                "--language", "et", "--hours", "24/7", "--email", "duty@cert.ee.example", "--contact-key", setup.path("duty.key"),
            ])
        let contacts = try setup.roundtable(["contact", "list", "--json"] + setup.reading("ke") + ["--of", "ee"])
        #expect(contacts.contains("\"name\":\"Duty officer\"") && contacts.contains("\"key\":\"duty.ee.example/contact+"))
        let readable = try setup.roundtable(["contact", "list"] + setup.reading("ke") + ["--of", "ee"])
        #expect(readable.hasPrefix("ee/duty (technical), since act ") && readable.contains("  Duty officer, CERT-EE\n"), "\(readable)")
        #expect(readable.contains("  e-mail: duty@cert.ee.example\n") && readable.contains("  contact key: duty.ee.example/contact+"))
        let asked = try setup.roundtable(["check", "ask"] + setup.signing("ee") + ["--contact", "duty"])
        #expect(asked.hasPrefix("Logged as act ") && asked.contains("'ask-check' by ee"), "a sentence by default: \(asked)")
        var check: API.InboxItem?
        try await waitUntil { check = try setup.inbox("ee").first { $0.kind == "check" }; return check != nil }
        let challenge = try #require(check?.contacts?.first)
        let nonce = try #require(challenge.nonce)
        try setup.roundtable(
            ["ack", "--node", setup.url, "--key", setup.path("duty.key"), "--member", "ee", "--check", String(check!.index), "--contact", "duty",
             "--nonce", nonce])
        #expect(try setup.roundtable(["check", "list", "--json"] + setup.reading("ee")).contains("\"kind\":\"check\""))
        let checks = try setup.roundtable(["check", "list"] + setup.reading("ee"))
        #expect(checks.contains("\(check!.index)  check \(check!.index): answer by "), "\(checks)")
        #expect(checks.contains("; contacts duty (nonce \(nonce))"), "\(checks)")

        // ee asks ke; the clerk delivers it; ke acknowledges and answers.
        try "Please check the **hashes** we sent.\n".write(toFile: setup.path("body.md"), atomically: true, encoding: .utf8)
        let request = try Setup.index(
            try setup.roundtable(
                ["request", "send", "--json"] + setup.signing("ee") + [
                    "--to", "ke", "--kind", "assistance", "--urgency", "urgent", "--subject", "Wiper on port hosts", "--body-file",
                    setup.path("body.md"), "--tlp", "amber",
                ]))
        var delivered: API.InboxItem?
        try await waitUntil { delivered = try setup.inbox("ke").first { $0.kind == "request" }; return delivered != nil }
        let delivery = try #require(delivered?.delivery)
        #expect(delivered?.party == "ee" && delivered?.request == request)
        let inbox = try setup.roundtable(["inbox"] + setup.reading("ke"))
        #expect(inbox.contains("request \(request) from ee, urgent: acknowledge delivery \(delivery) by "), "\(inbox)")
        try setup.roundtable(["ack"] + setup.signing("ke") + ["--delivery", String(delivery)])
        try "Accepted: our duty team is on it.\n".write(toFile: setup.path("answer.md"), atomically: true, encoding: .utf8)
        try setup.roundtable(
            ["request", "answer"] + setup.signing("ke") + [
                "--delivery", String(delivery), "--status", "accepted", "--body-file", setup.path("answer.md"),
            ])

        let shown = try JSONDecoder().decode(
            API.CommunicationRequest.self,
            from: Data(try setup.roundtable(["request", "show", String(request), "--json"] + setup.reading("ee")).utf8))
        #expect(shown.content?.subject == "Wiper on port hosts")
        #expect(shown.deliveries.first?.acknowledged != nil)
        #expect(shown.deliveries.first?.answers.map(\.status) == ["accepted"])
        #expect(shown.deliveries.first?.answers.first?.content?.body == "Accepted: our duty team is on it.\n")
        let text = try setup.roundtable(["request", "show", String(request)] + setup.reading("ee"))
        #expect(text.hasPrefix("Request \(request) from ee, urgent, open\n  kind: assistance; to: ke; TLP:AMBER\n  subject: Wiper on port hosts"))
        #expect(text.contains("    Please check the **hashes** we sent.") && text.contains("    answer ") && text.contains(": accepted\n"))

        try setup.roundtable(["request", "close"] + setup.signing("ee") + ["--request", String(request), "--outcome", "resolved"])
        #expect(try setup.roundtable(["request", "list", "--json"] + setup.reading("ke")).contains("\"outcome\":\"resolved\""))
        let listed = try setup.roundtable(["request", "list"] + setup.reading("ke"))
        #expect(listed.hasPrefix("\(request)  from ee, urgent, closed, resolved — assistance: Wiper on port hosts (1 of 1 deliveries acknowledged)"))
        let (status, refusal) = try Tool.status(
            NodeProcess.executable.path, ["request", "close"] + setup.signing("ee") + ["--request", String(request), "--outcome", "withdrawn"])
        #expect(status != 0 && refusal.contains("request_closed"), "\(refusal)")
        let (unknown, message) = try Tool.status(NodeProcess.executable.path, ["request", "show", String(request)] + setup.reading("ee").dropLast(2))
        #expect(unknown != 0 && message.contains("--token-file"), "\(message)")
        #expect(node.stop() == 0)
    }
}
