import ArgumentParser
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableNode
import RoundtableClient

@Suite("roundtable log against a live node")
struct LogCommandTests {
    final class Setup: Sendable {
        let directory: String
        let data: String
        var database: String { data + "/roundtable.sqlite" }

        init() throws {
            directory = NSTemporaryDirectory() + "roundtable-log-" + UUID().uuidString
            data = directory + "/data"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }

        func start() async throws -> NodeProcess {
            let node = try NodeProcess(arguments: ["--demo", "--data", data], output: URL(fileURLWithPath: directory + "/node.log"))
            try await node.waitUntilServing()
            try await waitUntil { try await getBytes(node.url + "/log/checkpoint").0 == .ok }
            return node
        }

        /// Starts `roundtable serve` on the data directory and expects it to refuse, saying `reason`.
        func expectRefusedStart(saying reason: String) throws {
            let node = try NodeProcess(
                arguments: ["--demo", "--data", data],
                output: URL(fileURLWithPath: directory + "/refused-\(UUID().uuidString).log")
            )
            #expect(node.waitForExit() != 0)
            #expect(node.log.contains(reason), "\(node.log)")
        }

        /// Serves the log of the database as it is, with none of the node's start-up checks: what a dishonest
        /// operator could serve. The client must catch it.
        func withDishonestServer(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
            let store = try SQLiteForumStore(path: database)
            let origin = try #require(try await store.loadState()).origin
            let log = try ForumLog(store: store, nodeSigner: try KeyFile.read(data + "/node.key"), forumOrigin: origin)
            let router = Router()
            LogController(log: log).addRoutes(log: router.group("log"), acts: router.group("api/v1/acts"), api: router.group("api/v1"))
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
        }

        func logArguments(_ url: String, _ vkey: String) -> [String] { ["--url", url + "/log", "--vkey", vkey] }

        /// Changes the database while the node is stopped.
        func alter(_ sql: String, _ arguments: StatementArguments = []) throws {
            let queue = try DatabaseQueue(path: database)
            try queue.write { try $0.execute(sql: sql, arguments: arguments) }
            try queue.close()
        }
    }

    @Test(
        """
        verify, prove, check-receipt and audit succeed on an honest node; on a tampered tile, bundle or forked checkpoint the node refuses to start, \
        and the client catches a server that serves them anyway
        """
    )
    func honestThenTampered() async throws {
        let setup = try Setup()
        defer { try? FileManager.default.removeItem(atPath: setup.directory) }
        let node = try await setup.start()
        let vkey = String(decoding: try await getBytes(node.url + "/log/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let state = setup.directory + "/state"
        try await LogVerify.parse(setup.logArguments(node.url, vkey) + ["--state", state]).run()
        try await LogAudit.parse(setup.logArguments(node.url, vkey)).run()
        // The node's own URL names its log too, as for roundtable audit; a URL that is not one is refused at once.
        try await LogVerify.parse(["--url", node.url + "/", "--vkey", vkey]).run()
        #expect(throws: (any Error).self) { try LogAudit.parse(["--url", "127.0.0.1:8080", "--vkey", vkey]) }
        let receipt = setup.directory + "/act.tlog-proof"
        let entry = setup.directory + "/act"
        try await LogProve.parse(setup.logArguments(node.url, vkey) + ["--index", "4", "--out", receipt, "--entry-out", entry]).run()
        try LogCheckReceipt.parse(["--vkey", vkey, "--in", receipt, "--entry", entry]).run()
        try Data("something else".utf8).write(to: URL(fileURLWithPath: entry))
        #expect(throws: CLIError.self) { try LogCheckReceipt.parse(["--vkey", vkey, "--in", receipt, "--entry", entry]).run() }
        #expect(node.stop() == 0)

        // A tampered hash tile.
        try setup.alter("UPDATE log_tile SET data = zeroblob(length(data)) WHERE level = 0 AND idx = 0")
        try setup.expectRefusedStart(saying: "entry 0 does not match the log's tree")
        try await setup.withDishonestServer { url in
            await #expect(throws: LogClientError.self) { try await LogAudit.parse(setup.logArguments(url, vkey)).run() }
            await #expect(throws: LogClientError.self) { try await LogProve.parse(setup.logArguments(url, vkey) + ["--index", "2"]).run() }
        }

        // The tiles rebuilt honestly from the entries: the node starts and the audit passes.
        try setup.alter("DELETE FROM log_tile")
        try setup.alter("UPDATE log_tree SET size = 0, root = ?", [Data(TreeHash.emptyTree.bytes)])
        try await LogIntegrator(storage: try SQLiteForumStore(path: setup.database)).integrate()
        let rebuilt = try await setup.start()
        try await LogAudit.parse(setup.logArguments(rebuilt.url, vkey)).run()
        #expect(rebuilt.stop() == 0)

        // A tampered entry (the bundle no longer matches the tiles). Entry 3 waits in entry_tail (the first bundle is
        // not full yet).
        let original = try await DatabaseQueue(path: setup.database).read { try Data.fetchOne($0, sql: "SELECT data FROM entry_tail WHERE idx = 3") }!
        var tampered = original
        // One base64 character of entry 3's signature: the entry still parses and replays without signature checks,
        // but its bytes no longer match the tiles.
        let end = tampered.endIndex
        tampered[end - 10] = tampered[end - 10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try setup.alter("UPDATE entry_tail SET data = ? WHERE idx = 3", [tampered])
        try setup.expectRefusedStart(saying: "entry 3 does not match the log's tree")
        try await setup.withDishonestServer { url in
            await #expect(throws: LogClientError.self) { try await LogAudit.parse(setup.logArguments(url, vkey)).run() }
        }
        try setup.alter("UPDATE entry_tail SET data = ? WHERE idx = 3", [original])

        // A forked checkpoint: the node key signs another root for a size the client already verified.
        let signer = try KeyFile.read(setup.data + "/node.key").renamed(String(vkey.split(separator: "+")[0]))
        let saved = try Checkpoint(parsing: try SignedNote(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: state)))).text)
        let forged = Checkpoint(origin: saved.origin, size: saved.size, root: MerkleHasher.leafHash(Array("fork".utf8)))
        let note = try SignedNote.sign(text: forged.text, with: [signer]).bytes
        try setup.alter("INSERT INTO log_checkpoint (size, note) VALUES (?, ?)", [Int64(saved.size) + 1000, Data(note)])
        try setup.expectRefusedStart(saying: "the latest checkpoint's root at size \(saved.size) is not the root of the stored entries")
        try await setup.withDishonestServer { url in
            await #expect { try await LogVerify.parse(setup.logArguments(url, vkey) + ["--state", state]).run() } throws: { error in
                if case .fork = error as? LogClientError { return true }
                return false
            }
        }
    }
}
