import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable

/// A node and its members' witnesses as separate processes: members register their witnesses by signed acts, the node
/// sends each checkpoint to them, and `/log/checkpoint` serves only checkpoints that carry the quorum.
@Suite("Collecting members' cosignatures", .serialized)
struct WitnessCollectionTests {
    static let members = ["ee", "fr", "ke"]

    final class Setup {
        let directory = NSTemporaryDirectory() + "roundtable-cosign-" + UUID().uuidString
        var node: NodeProcess?
        var witnesses: [String: NodeProcess] = [:]
        var witnessKeys: [String: CosignatureVerifier] = [:]
        var logKey: NoteVerifier?

        func key(_ member: String) -> String { directory + "/\(member).key" }

        /// Keys for the members and their witnesses; a node serving the forum.
        func startNode() async throws -> NodeProcess {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var founders = ""
            for member in WitnessCollectionTests.members {
                let signer = try NoteSigner.generate(name: "\(member).example/roundtable")
                try KeyFile.write(signer, to: key(member))
                founders += "\(member) \(signer.verifier) Member \(member)\n"
            }
            try founders.write(toFile: directory + "/founders.txt", atomically: true, encoding: .utf8)
            let node = try NodeProcess(
                arguments: ["--data", directory + "/node", "--founders", directory + "/founders.txt"],
                output: URL(fileURLWithPath: directory + "/node.log"))
            try await node.waitUntilServing()
            self.node = node
            logKey = try NoteVerifier(parsing: try await node.get("/log/vkey").body.trimmingCharacters(in: .whitespacesAndNewlines))
            return node
        }

        /// Starts a member's witness, configured for the forum's log.
        func startWitness(_ member: String) async throws -> NodeProcess {
            let data = directory + "/witness-\(member)"
            let printed = try Tool.run(
                NodeProcess.executable.path, ["keygen", "--witness", "--name", "witness.\(member).example", "--out", data + ".key"])
            witnessKeys[member] = try CosignatureVerifier(parsing: printed.trimmingCharacters(in: .whitespacesAndNewlines))
            try Tool.run(NodeProcess.executable.path, ["witness", "add-log", "--data", data, "--vkey", logKey!.description])
            let witness = try NodeProcess(
                arguments: ["--key", data + ".key", "--data", data], output: URL(fileURLWithPath: data + ".log"),
                subcommand: ["witness", "serve"])
            try await witness.waitUntilListening()
            witnesses[member] = witness
            return witness
        }

        func register(_ member: String) async throws {
            try await WitnessRegister.parse([
                "--node", node!.url, "--key", key(member), "--vkey", witnessKeys[member]!.description, "--url", witnesses[member]!.url,
            ]).run()
        }

        /// The policy a member pins: the log's key and the witnesses, `needed` of them.
        func policy(needed: Int) throws -> WitnessPolicy {
            let names = witnessKeys.keys.sorted()
            return try WitnessPolicy(
                logs: [.init(key: logKey!)], witnesses: names.map { .init(name: $0, key: witnessKeys[$0]!) },
                groups: [.init(name: "members", threshold: .count(needed), members: names)], quorum: "members")
        }

        func servedCheckpoint() async throws -> (note: SignedNote, size: UInt64) {
            let (status, body) = try await getBytes(node!.url + "/log/checkpoint")
            guard status == .ok else { throw NodeProcessError("GET /log/checkpoint answered \(status)") }
            let note = try SignedNote(parsing: body)
            return (note, try Checkpoint(parsing: note.text).size)
        }

        func entries() async throws -> UInt64 {
            let forum = try JSONSerialization.jsonObject(with: Data(try await getBytes(node!.url + "/api/v1/forum").1)) as? [String: Any]
            return (forum?["entries"] as? NSNumber)?.uint64Value ?? 0
        }

        func stop() {
            for witness in witnesses.values { _ = witness.stop() }
            _ = node?.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test(
        """
        three witnesses registered by act cosign every checkpoint; with one killed the quorum of two still holds; with two, \
        checkpoints stop counting but acts are still accepted
        """)
    func collects() async throws {
        let setup = Setup()
        defer { setup.stop() }
        let node = try await setup.startNode()
        let unwitnessed = try await getBytes(node.url + "/api/v1/acts/0/witnessed")
        #expect(unwitnessed.0 == .notFound && String(decoding: unwitnessed.1, as: UTF8.self).contains("not_yet_witnessed"))
        let began = Int64(Date().timeIntervalSince1970)
        for member in Self.members {
            _ = try await setup.startWitness(member)
            try await setup.register(member)
        }
        // The act registering the third witness and everything before it: cosigned by the witnesses' majority.
        let registered = try await setup.entries()
        let majority = try setup.policy(needed: 2)
        try await waitUntil(attempts: 600) {
            let served = try await setup.servedCheckpoint()
            return served.size >= registered && majority.report(on: served.note).satisfied
        }
        var served = try await setup.servedCheckpoint()
        try await Self.witnessedTime(of: registered - 1, setup: setup, after: began)

        // Every witness catches up: the served checkpoint soon carries all three.
        try await waitUntil(attempts: 600) { try setup.policy(needed: 3).report(on: try await setup.servedCheckpoint().note).satisfied }

        // One witness down: its peers still make the quorum of two for a new act.
        #expect(setup.witnesses["ke"]!.stop(signal: SIGKILL) == SIGKILL)
        let token = try await setup.entries()
        try await ActSubmit.parse([
            "--node", setup.node!.url, "--key", setup.key("ee"), "--text-file", try Self.tokenAct(setup, label: "a", sequence: 2),
        ]).run()
        try await waitUntil(attempts: 600) { try await setup.servedCheckpoint().size > token }
        served = try await setup.servedCheckpoint()
        #expect(try setup.policy(needed: 2).report(on: served.note).satisfied)
        #expect(!(try setup.policy(needed: 3).report(on: served.note).satisfied))
        try await Self.clientsRequireTheQuorum(setup, index: token)

        // Two down: no checkpoint including a new act can count, yet the act is accepted: its append returns while the
        // served checkpoint stays short of it (an append that waited for the witnesses would never return).
        #expect(setup.witnesses["fr"]!.stop(signal: SIGKILL) == SIGKILL)
        let before = try await setup.servedCheckpoint().size
        try await ActSubmit.parse([
            "--node", setup.node!.url, "--key", setup.key("ee"), "--text-file", try Self.tokenAct(setup, label: "b", sequence: 3),
        ]).run()
        let signed = try await setup.entries()
        #expect(signed > before, "the act was accepted")
        #expect(try await setup.servedCheckpoint().size == before, "accepted before any checkpoint including it was cosigned")
        // The node integrates and signs the new tree (its entry bundle is served), but serves the last cosigned checkpoint.
        try await waitUntil(attempts: 600) { try await getBytes(setup.node!.url + "/log/tile/entries/000.p/\(signed)").0 == .ok }
        #expect(try await setup.servedCheckpoint().size == before)
        #expect(majority.report(on: try await setup.servedCheckpoint().note).satisfied)
    }

    /// The act's witnessed time, in the API and on its page: no earlier than the test began, no later than now.
    static func witnessedTime(of index: UInt64, setup: Setup, after started: Int64) async throws {
        let (status, body) = try await getBytes(setup.node!.url + "/api/v1/acts/\(index)/witnessed")
        #expect(status == .ok)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect((json["cosigners"] as? [String])?.count ?? 0 >= 2)
        #expect((json["checkpoint_size"] as? NSNumber)?.uint64Value ?? 0 > index)
        let time = try Timestamp(parsing: try #require(json["logged_no_later_than"] as? String)).seconds
        #expect(time >= started && time <= Int64(Date().timeIntervalSince1970))
        let page = String(decoding: try await getBytes(setup.node!.url + "/acts/\(index)").1, as: UTF8.self)
        #expect(page.contains("Logged no later than") && page.contains("member witnesses"))
        let log = String(decoding: try await getBytes(setup.node!.url + "/log").1, as: UTF8.self)
        #expect(log.contains("Member witnesses") && log.contains("of the 3 member witnesses cosign it"))
        for key in setup.witnessKeys.values { #expect(log.contains(key.description)) }
    }

    /// Every client command accepts the served checkpoint under a policy of two witnesses, and refuses it, naming the
    /// witness missing, under one of three; `roundtable audit` requires the forum's own rule without a policy file.
    static func clientsRequireTheQuorum(_ setup: Setup, index: UInt64) async throws {
        let two = setup.directory + "/two.policy", three = setup.directory + "/three.policy"
        try setup.policy(needed: 2).text.write(toFile: two, atomically: true, encoding: .utf8)
        try setup.policy(needed: 3).text.write(toFile: three, atomically: true, encoding: .utf8)
        let log = ["--url", setup.node!.url + "/log", "--vkey", setup.logKey!.description]
        let receipt = setup.directory + "/act.tlog-proof", entry = setup.directory + "/act.entry"
        try await LogVerify.parse(log + ["--policy", two]).run()
        try await LogProve.parse(log + ["--policy", two, "--index", String(index), "--out", receipt, "--entry-out", entry]).run()
        try LogCheckReceipt.parse(["--vkey", setup.logKey!.description, "--in", receipt, "--entry", entry, "--policy", two]).run()
        try await LogAudit.parse(log + ["--policy", two]).run()
        try await Audit.parse(["--url", setup.node!.url, "--vkey", setup.logKey!.description]).run()

        func refused(_ run: () async throws -> Void) async {
            do {
                try await run()
                Issue.record("a checkpoint short of the policy's quorum was accepted")
            } catch {
                #expect("\(error)".contains("NOT WITNESSED") && "\(error)".contains("missing: ke"), "\(error)")
            }
        }
        await refused { try await LogVerify.parse(log + ["--policy", three]).run() }
        await refused { try await LogProve.parse(log + ["--policy", three, "--index", String(index)]).run() }
        await refused { try LogCheckReceipt.parse(["--vkey", setup.logKey!.description, "--in", receipt, "--entry", entry, "--policy", three]).run() }
        await refused { try await LogAudit.parse(log + ["--policy", three]).run() }
        await refused { try await Audit.parse(["--url", setup.node!.url, "--vkey", setup.logKey!.description, "--policy", three]).run() }
    }

    static func tokenAct(_ setup: Setup, label: String, sequence: Int) throws -> String {
        let path = setup.directory + "/token-\(label).txt"
        let digest = String(repeating: "\(sequence)", count: 64)
        try "127.0.0.1\nact credential\nby ee\nseq \(sequence)\nadd-token \(label) \(digest)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
