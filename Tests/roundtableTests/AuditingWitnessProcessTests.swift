import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// `roundtable witness add-log --audit --url` and `witness serve` as an operator runs them, auditing a live node's log
/// and a forged one; `witness refusals` and `list-logs` show what it did.
@Suite("An auditing witness as a process", .serialized)
struct AuditingWitnessProcessTests {
    /// A witness's key and data directory, configured to audit one log.
    struct Setup {
        let directory = NSTemporaryDirectory() + "roundtable-auditing-" + UUID().uuidString
        var data: String { directory + "/data" }
        var keyFile: String { directory + "/witness.key" }

        /// Makes the witness key and adds the log with `--audit --url`.
        init(vkey: String, url: String) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try WitnessProcessTests.Setup.roundtable(["keygen", "--witness", "--name", "witness.test/w1", "--out", keyFile])
            let added = try WitnessProcessTests.Setup.roundtable(["witness", "add-log", "--data", data, "--vkey", vkey, "--audit", "--url", url])
            #expect(added.contains("It audits"), "\(added)")
        }

        func start(_ name: String) throws -> NodeProcess {
            try NodeProcess(
                arguments: ["--key", keyFile, "--data", data], output: URL(fileURLWithPath: directory + "/\(name).log"),
                subcommand: ["witness", "serve"])
        }

        func post(_ body: [UInt8], to witness: NodeProcess) async throws -> (status: UInt, text: String) {
            let reply = try await NodeHTTP.post(witness.url + "/add-checkpoint", body, headers: [:], timeout: 30)
            return (reply.status.code, reply.text)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// A live node's forum, with members whose acts the test signs.
    struct Forum {
        let node: NodeProcess
        let members: [String: NoteSigner]
        var logURL: String { node.url + "/log" }

        /// Credential acts by `ee`, numbered from `first`, each registering a token.
        func submit(_ numbers: ClosedRange<Int>) async throws {
            for number in numbers {
                let body = Act.Body.credential([.addToken(try TestForum.token("t\(number)", number))])
                let act = Act(origin: "127.0.0.1", actor: .member(try MemberID("ee")), sequence: UInt64(number), body: body)
                let (status, text) = try await postAct(try act.signed(by: [members["ee"]!]).bytes, to: node.url)
                #expect(status == .created, "\(text)")
            }
        }

        /// The add-checkpoint body of the node's latest checkpoint once it holds `size` entries, proven from `old`.
        func request(old: UInt64, size: UInt64, logKey: NoteVerifier) async throws -> [UInt8] {
            var note: [UInt8] = []
            try await waitUntil(attempts: 600) {
                note = try await getBytes(logURL + "/checkpoint").1
                return (try? Checkpoint.open(note, logKey: logKey).0.size) == size
            }
            let checkpoint = try Checkpoint.open(note, logKey: logKey).0
            let proof = old == 0 ? [] : try await AuthenticatedTiles(checkpoint: checkpoint, fetcher: HTTPLogFetcher(prefix: logURL)).proofs
                .consistencyProof(from: old)
            return AddCheckpointRequest(oldSize: old, proof: proof, checkpoint: note).bytes
        }
    }

    @Test("it cosigns a live node's log as it grows across bundles, and after SIGKILL resumes from the replay it stored")
    func liveNode() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-audited-node-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let members = try Dictionary(uniqueKeysWithValues: ["ee", "fr", "ke"].map { ($0, try NoteSigner.generate(name: "\($0).example/roundtable")) })
        let founders = members.keys.sorted().map { "\($0) \(members[$0]!.verifier) Member \($0)\n" }.joined()
        try founders.write(toFile: directory + "/founders.txt", atomically: true, encoding: .utf8)
        let node = try NodeProcess(
            arguments: ["--data", directory + "/node", "--founders", directory + "/founders.txt"],
            output: URL(fileURLWithPath: directory + "/node.log"))
        defer { _ = node.stop() }
        try await node.waitUntilServing()
        let forum = Forum(node: node, members: members)
        let vkey = String(decoding: try await getBytes(forum.logURL + "/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let logKey = try NoteVerifier(parsing: vkey)
        let setup = try Setup(vkey: vkey, url: node.url)
        defer { setup.remove() }

        var witness = try setup.start("witness")
        try await witness.waitUntilListening()
        #expect(try await setup.post(try await forum.request(old: 0, size: 1, logKey: logKey), to: witness).status == 200)
        try await forum.submit(1...150)
        let first = try await setup.post(try await forum.request(old: 1, size: 151, logKey: logKey), to: witness)
        #expect(first.status == 200, "\(first.text)")
        #expect(witness.stop(signal: SIGKILL) == SIGKILL)

        witness = try setup.start("restarted")
        try await witness.waitUntilListening()
        try await forum.submit(151...300)
        let second = try await setup.post(try await forum.request(old: 151, size: 301, logKey: logKey), to: witness)
        #expect(second.status == 200, "\(second.text)")
        #expect(witness.stop() == 0)
        let listed = try WitnessProcessTests.Setup.roundtable(["witness", "list-logs", "--data", setup.data])
        #expect(listed.contains("127.0.0.1/log 301 \(vkey) audit \(forum.logURL) replayed 301"), "\(listed)")
    }

    @Test("it refuses a forged decision with 422 naming the entry, and `witness refusals --evidence` shows the signed checkpoint and the entry")
    func forgedDecision() async throws {
        var record = try GovernanceScenario.record(ballots: 2)
        let id = try record.ballot(proposer: "ee", votes: [("ee", .yes), ("fr", .no), ("ke", .no)], decide: false)
        let forged = try record.forgedDecision(of: id)
        let index = record.entries.count
        let store = InMemoryForumStore(entries: record.entries + [forged])
        let log = try ForumLog(store: store, nodeSigner: record.forum.node, forumOrigin: "forum.test")
        let note = try #require(try await log.integrateAndPublish())
        let router = Router()
        LogController(log: log).addRoutes(log: router.group("log"), acts: router.group("api/v1/acts"), api: router.group("api/v1"))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)/log"
            let setup = try Setup(vkey: log.signer.verifier.description, url: url)
            defer { setup.remove() }
            let witness = try setup.start("witness")
            try await witness.waitUntilListening()
            let answer = try await setup.post(AddCheckpointRequest(oldSize: 0, proof: [], checkpoint: note).bytes, to: witness)
            #expect(answer.status == 422)
            #expect(answer.text.hasPrefix("entry \(index) does not follow from the entries before it: wrong_decision: "), "\(answer.text)")
            #expect(witness.stop() == 0)
            #expect(witness.log.contains("act_refused: entry \(index) "), "\(witness.log)")

            let refusals = try WitnessProcessTests.Setup.roundtable(["witness", "refusals", "--data", setup.data, "--evidence"])
            #expect(refusals.contains(" forum.test/log size \(index + 1) entry \(index): wrong_decision: "), "\(refusals)")
            #expect(refusals.contains(String(decoding: note, as: UTF8.self)))
            #expect(refusals.contains(String(decoding: forged, as: UTF8.self)))
            let listed = try WitnessProcessTests.Setup.roundtable(["witness", "list-logs", "--data", setup.data])
            #expect(listed.contains("forum.test/log - \(log.signer.verifier) audit \(url) replayed 0"), "\(listed)")
        }
    }

    @Test("add-log refuses --audit without --url, --url without --audit, and a URL that is not http(s) with a host", arguments: [
        ["--audit"], ["--url", "https://forum.example.org"], ["--audit", "--url", "forum.example.org"],
        ["--audit", "--url", "ftp://forum.example.org"], ["--audit", "--url", "https://"], ["--audit", "--url", "https://forum.example.org/log?x=1"],
    ])
    func refusedOptions(_ options: [String]) throws {
        let vkey = try NoteSigner.generate(name: "forum.example.org/log").verifier.description
        do {
            _ = try WitnessAddLog.parse(["--data", "/nonexistent", "--vkey", vkey] + options)
            Issue.record("\(options) was accepted")
        } catch {
            let message = WitnessAddLog.message(for: error)
            #expect(message.contains("--audit") || message.contains("--url"), "\(message)")
        }
    }

    @Test("add-log --audit --url takes the node's URL or its log's, and stores the log's")
    func auditURL() async throws {
        let vkey = try NoteSigner.generate(name: "forum.example.org/log").verifier.description
        for url in ["https://forum.example.org", "https://forum.example.org/", "https://forum.example.org/log", "https://forum.example.org/log/"] {
            let setup = try Setup(vkey: vkey, url: url)
            defer { setup.remove() }
            let listed = try WitnessProcessTests.Setup.roundtable(["witness", "list-logs", "--data", setup.data])
            #expect(listed == "forum.example.org/log - \(vkey) audit https://forum.example.org/log replayed 0\n", "\(url): \(listed)")
        }
    }
}
