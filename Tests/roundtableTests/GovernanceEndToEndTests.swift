import ArgumentParser
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableNode
import RoundtableAPI
import RoundtableClient

/// Members govern a live node through the CLI: propose, object, vote, change votes, explain; the node closes the
/// ballot and decides; `roundtable audit` agrees — and fails on a log whose decision contradicts its votes.
@Suite("Governance end to end: CLI, HTTP, a live node and the audit")
struct GovernanceEndToEndTests {
    static let members = ["ee": "Republic of Estonia", "fr": "French Republic", "jp": "Japan", "ke": "Republic of Kenya"]

    final class Setup {
        let directory = NSTemporaryDirectory() + "roundtable-governance-" + UUID().uuidString
        /// The forum's origin: the node's default public URL in the tests, without its scheme.
        let origin = "127.0.0.1"
        /// The port the node bound, once it listens.
        var port = 0
        var url: String { "http://127.0.0.1:\(port)" }
        var data: String { directory + "/data" }
        func key(_ member: String) -> String { directory + "/\(member).key" }

        /// Keys for every member, a founders file with short periods, and an API token for `ee`.
        func write() throws -> String {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // The voting window holds the five votes and the explanation with room to spare on a busy machine.
            var founders = "rule circulation 1s\nrule silence 30s\nrule voting-window 30s\n"
            for (id, name) in GovernanceEndToEndTests.members.sorted(by: { $0.key < $1.key }) {
                let signer = try NoteSigner.generate(name: "\(id).example/roundtable")
                try KeyFile.write(signer, to: key(id))
                founders += "\(id) \(signer.verifier) \(name)\n"
            }
            try founders.write(toFile: directory + "/founders.txt", atomically: true, encoding: .utf8)
            try "token-of-estonia\n".write(toFile: directory + "/ee.token", atomically: true, encoding: .utf8)
            return directory + "/founders.txt"
        }

        func member(_ id: String) -> [String] { ["--node", url, "--key", key(id)] }

        func proposal(_ id: UInt64) async throws -> API.Proposal {
            let (_, body) = try await getBytes("\(url)/api/v1/proposals/\(id)")
            return try JSONDecoder().decode(API.Proposal.self, from: Data(body))
        }

        func waitFor(_ id: UInt64, stage: String) async throws {
            try await waitUntil(attempts: 1_200) { try await proposal(id).stage == stage }
        }
    }

    @Test("propose, object, vote, change a vote, explain; the ballot closes and the decision and the audit agree")
    func governance() async throws {
        let setup = Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let founders = try setup.write()
        let node = try NodeProcess(
            arguments: ["--data", setup.data, "--founders", founders],
            output: URL(fileURLWithPath: setup.directory + "/node.log"))
        try await node.waitUntilServing()
        setup.port = node.port

        // ee registers an API token to post the proposal's text, with a plain credential act.
        let digest = Hex.encode(SHA256.hash(data: Data("token-of-estonia".utf8)))
        let credential = setup.directory + "/credential.txt"
        try "\(setup.origin)\nact credential\nby ee\nseq 1\nadd-token cli \(digest)\n".write(toFile: credential, atomically: true, encoding: .utf8)
        try await ActSubmit.parse(["--node", setup.url, "--key", setup.key("ee"), "--text-file", credential]).run()

        let text = setup.directory + "/norm.md"
        try "# Norm 1\n\nStates should not damage critical infrastructure.\n".write(toFile: text, atomically: true, encoding: .utf8)
        try await Propose.parse(
            setup.member("ee") + [
                "--token-file", setup.directory + "/ee.token", "--kind", "norm", "--title", "Protect critical infrastructure", "--text", text,
            ]
        ).run()
        let list = try JSONDecoder().decode(
            API.ProposalList.self, from: Data(try await getBytes(setup.url + "/api/v1/proposals").1))
        let id = try #require(list.proposals.first?.id)
        let (_, document) = try await getBytes(setup.url + (try await setup.proposal(id)).textURL)
        #expect(String(decoding: document, as: UTF8.self).contains("critical infrastructure"))

        try await setup.waitFor(id, stage: "consensus-call")
        try await Object.parse(setup.member("fr") + ["--proposal", String(id), "--reason", "France asks for a recorded vote"]).run()
        try await setup.waitFor(id, stage: "ballot")

        for (member, choice) in [("ee", "yes"), ("fr", "no"), ("ke", "yes"), ("jp", "abstain"), ("fr", "yes")] {
            try await Vote.parse(setup.member(member) + ["--proposal", String(id), "--choice", choice]).run()
        }
        try await Explain.parse(setup.member("fr") + ["--proposal", String(id), "--text", "France changed its vote after consultations."]).run()
        await #expect(throws: CLIError.self, "the sponsor may not explain its vote on its own text") {
            try await Explain.parse(setup.member("ee") + ["--proposal", String(id), "--text", "We support our text."]).run()
        }
        await #expect(throws: CLIError.self, "a withdrawal after voting started is refused") {
            try await Withdraw.parse(setup.member("ee") + ["--proposal", String(id)]).run()
        }

        try await setup.waitFor(id, stage: "decided")
        let decided = try await setup.proposal(id)
        #expect(decided.decision?.outcome == "adopted")
        #expect(decided.decision?.counts == .init(electorate: 4, yes: 3, no: 0, abstain: 1))
        #expect(decided.ballot?.votes.first { $0.member == "fr" }?.replaced == 1)
        #expect(decided.ballot?.cast.map { "\($0.member) \($0.choice)" } == ["ee yes", "fr no", "ke yes", "jp abstain", "fr yes"])
        #expect(decided.timeline.map(\.event) == ["proposed", "circulated", "consensus-call", "objection", "ballot", "closed", "decided"])
        #expect(decided.explanations.map(\.member) == ["fr"])

        let vkey = String(decoding: try await getBytes(setup.url + "/log/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try await waitUntil {  // the checkpoint covers the decision
            let checkpoint = try Checkpoint(parsing: try SignedNote(parsing: try await getBytes(setup.url + "/log/checkpoint").1).text)
            return checkpoint.size > (decided.decision?.index ?? .max)
        }
        try await Audit.parse(["--url", setup.url, "--vkey", vkey]).run()
        #expect(node.stop() == 0)

        // The same log with the decision's counts forged and re-signed with the node key, served by a log server.
        let store = try SQLiteForumStore(path: setup.data + "/roundtable.sqlite")
        var entries: [[UInt8]] = []
        for index in 0..<(try await store.entryCount()) { entries.append(try await store.entry(at: index)!) }
        let decisionIndex = Int(try #require(decided.decision?.index))
        let nodeKey = try KeyFile.read(setup.data + "/node.key")
        let honest = try SignedNote(parsing: entries[decisionIndex]).text
        #expect(honest.contains("yes 3\nno 0\n"))
        entries[decisionIndex] = try SignedNote.sign(text: honest.replacingOccurrences(of: "yes 3\nno 0\n", with: "yes 1\nno 2\n"), with: [nodeKey])
            .bytes
        let forged = InMemoryForumStore(entries: entries)
        let log = try ForumLog(store: forged, nodeSigner: nodeKey, forumOrigin: setup.origin)
        _ = try await log.integrateAndPublish()
        let router = Router()
        LogController(log: log).addRoutes(log: router.group("log"), acts: router.group("api/v1/acts"), api: router.group("api/v1"))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let report = try await ForumAuditor(client: try LogOptions.parse(["--url", url + "/log", "--vkey", vkey]).client(), batchSize: 4)
                .audit { _ in }
            #expect(report.problems.map(\.index) == [UInt64(decisionIndex)])
            #expect(report.problems.first?.error.code == .wrongDecision)
            await #expect(throws: ExitCode.self) { try await Audit.parse(["--url", url, "--vkey", vkey]).run() }
        }
    }
}
