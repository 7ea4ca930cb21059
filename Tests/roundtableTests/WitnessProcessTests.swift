import Foundation
import NIOHTTP1
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// `roundtable keygen --witness`, `roundtable witness add-log` and `roundtable witness serve` as an operator runs them:
/// real processes, killed with SIGKILL, restarted on the same data directory.
@Suite("roundtable witness as processes", .serialized)
struct WitnessProcessTests {
    /// A witness's key and data directory, configured for one log.
    struct Setup {
        let directory = NSTemporaryDirectory() + "roundtable-witness-" + UUID().uuidString
        let log: WitnessTestLog
        /// What `keygen --witness` printed.
        let vkey: String

        var data: String { directory + "/data" }
        var keyFile: String { directory + "/witness.key" }

        init() throws {
            log = try WitnessTestLog()
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            vkey = try Self.roundtable(["keygen", "--witness", "--name", "witness.test/w1", "--out", directory + "/witness.key"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try Self.roundtable(["witness", "add-log", "--data", data, "--vkey", log.signer.verifier.description])
        }

        func start(_ name: String = "witness", tracer: [String] = []) throws -> NodeProcess {
            try NodeProcess(
                arguments: ["--key", keyFile, "--data", data], output: URL(fileURLWithPath: directory + "/\(name).log"), tracer: tracer,
                subcommand: ["witness", "serve"])
        }

        func post(_ body: [UInt8], to witness: NodeProcess) async throws -> (status: UInt, text: String) {
            let reply = try await NodeHTTP.post(witness.url + "/add-checkpoint", body, headers: [:], timeout: 10)
            return (reply.status.code, reply.text)
        }

        /// Runs the built `roundtable` and returns its output; throws if it exits non-zero.
        @discardableResult
        static func roundtable(_ arguments: [String]) throws -> String {
            try Tool.run(NodeProcess.executable.path, arguments)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test("keygen --witness writes a key file and prints the cosignature/v1 verifier key of that key")
    func keygen() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let printed = try CosignatureVerifier(parsing: setup.vkey)
        #expect(printed == (try CosignatureSigner(try KeyFile.read(setup.keyFile)).verifier))
        #expect(printed.name == "witness.test/w1")
        #expect(throws: NoteError.self) { try NoteVerifier(parsing: setup.vkey) }
    }

    @Test("after SIGKILL the restarted witness keeps the size it cosigned: a smaller tree, another root and old 0 are refused")
    func survivesKill() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let log = setup.log
        let witness = try setup.start()
        try await witness.waitUntilListening()
        let first = try await setup.post(try log.request(old: 0, size: 5), to: witness)
        #expect(first.status == 200)
        let text = try log.checkpoint(size: 5).text
        let cosignature = try SignedNote(parsing: Array((text + "\n" + first.text).utf8)).signatures[0]
        #expect(try CosignatureVerifier(parsing: setup.vkey).verify(cosignature, checkpointText: text) != 0)
        #expect(witness.stop(signal: SIGKILL) == SIGKILL)

        let restarted = try setup.start("restarted")
        try await restarted.waitUntilListening()
        let stale = try await setup.post(try log.request(old: 0, size: 5), to: restarted)
        #expect(stale.status == 409 && stale.text == "5\n")
        #expect(try await setup.post(try log.request(old: 5, size: 3, proof: []), to: restarted).status == 400)
        let smaller = try await setup.post(try log.request(old: 3, size: 3), to: restarted)
        #expect(smaller.status == 409 && smaller.text == "5\n")
        #expect(try await setup.post(try log.fork().request(old: 5, size: 5), to: restarted).status == 422)
        let (status, served) = try await getBytes(restarted.url + "/" + WitnessedLog.hash(origin: log.origin) + "/checkpoint")
        #expect(status == .ok)
        #expect(try Checkpoint.open(served, logKey: log.signer.verifier).0.size == 5)
        #expect(try await setup.post(try log.request(old: 5, size: 9), to: restarted).status == 200)
        #expect(restarted.stop() == 0)
    }

    @Test("strace shows an fdatasync of the witness's WAL between every cosigning request and its answer")
    func everyCosignatureFollowsASync() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let trace = setup.directory + "/trace"
        let witness = try setup.start(tracer: try SyncTrace.tracer(writingTo: trace))
        try await witness.waitUntilListening()
        var windows: [ClosedRange<Double>] = []
        for size: UInt64 in 1...20 {
            let body = try setup.log.request(old: size - 1, size: size)
            let sent = Date().timeIntervalSince1970
            let answer = try await setup.post(body, to: witness)
            windows.append(sent...Date().timeIntervalSince1970)
            #expect(answer.status == 200, "\(answer.text)")
        }
        #expect(witness.stop() == 0)
        let syncs = try SyncTrace.syncs(in: trace, of: "witness.sqlite-wal>")
        for (offset, window) in windows.enumerated() {
            #expect(syncs.contains { window.contains($0) }, "size \(offset + 1) was cosigned without an fsync of the WAL")
        }
    }

    @Test("one process per data directory; SIGINT stops the witness cleanly")
    func oneProcess() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let witness = try setup.start()
        try await witness.waitUntilListening()
        let second = try setup.start("second")
        #expect(second.waitForExit() != 0)
        #expect(second.log.contains("in use by another Roundtable process"), "\(second.log)")
        #expect(witness.stop(signal: SIGINT) == 0)
    }

    @Test("a witness with no log, a node's data directory and a malformed log key are refused, saying why")
    func refusals() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let empty = setup.directory + "/empty"
        let (noLog, noLogOutput) = try Tool.status(
            NodeProcess.executable.path, ["witness", "serve", "--key", setup.keyFile, "--data", empty, "--port", "0"])
        #expect(noLog != 0 && noLogOutput.contains("cosigns for no log"), "\(noLogOutput)")
        let node = setup.directory + "/node"
        try FileManager.default.createDirectory(atPath: node, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: node + "/roundtable.sqlite"))
        let (foreign, foreignOutput) = try Tool.status(
            NodeProcess.executable.path, ["witness", "add-log", "--data", node, "--vkey", setup.log.signer.verifier.description])
        #expect(foreign != 0 && foreignOutput.contains("not a witness data directory"), "\(foreignOutput)")
        let (badKey, badKeyOutput) = try Tool.status(
            NodeProcess.executable.path, ["witness", "add-log", "--data", setup.data, "--vkey", setup.vkey])
        #expect(badKey != 0 && badKeyOutput.contains("--vkey"), "\(badKeyOutput)")
    }
}
