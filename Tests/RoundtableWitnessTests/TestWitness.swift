import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOHTTP1
import RoundtableClient
import RoundtableTestSupport
import RoundtableWitness
import TransparencyLog

/// A witness for tests: its key, a SQLite store in a temporary directory configured with one log's key, and a real
/// HTTP server on a loopback port the operating system chose.
struct TestWitness: Sendable {
    /// An answer, as the network carried it.
    struct Answer: Sendable {
        let status: Int
        let contentType: String?
        let text: String
    }

    let directory: String
    let log: WitnessTestLog
    let cosigner: CosignatureSigner

    init(log: WitnessTestLog) throws {
        directory = NSTemporaryDirectory() + "roundtable-witness-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.log = log
        cosigner = try CosignatureSigner(try NoteSigner.generate(name: "witness.test/w1"))
    }

    var databasePath: String { directory + "/witness.sqlite" }

    /// Opens the witness on its database, as a restart would, configuring the log's key.
    func open() async throws -> Witness<SQLiteWitnessStore> {
        let store = try SQLiteWitnessStore(path: databasePath)
        _ = try await store.addLog(origin: log.origin, key: log.signer.verifier)
        return try await Witness.open(cosigner: cosigner, store: store)
    }

    /// Runs `body` against a live server of a newly opened witness, with the server's URL.
    func serve<Value: Sendable>(
        maximumBodySize: Int = WitnessConfiguration.defaultMaximumBodySize,
        _ body: @Sendable (String) async throws -> Value
    ) async throws -> Value {
        try await Self.serve(try await open(), maximumBodySize: maximumBodySize, body)
    }

    /// Runs `body` against a live server of a witness on a loopback port, with the server's URL.
    static func serve<Store: WitnessStore, Value: Sendable>(
        _ witness: Witness<Store>,
        maximumBodySize: Int = WitnessConfiguration.defaultMaximumBodySize,
        _ body: @Sendable (String) async throws -> Value
    ) async throws -> Value {
        let configuration = WitnessConfiguration(port: 0, maximumBodySize: maximumBodySize)
        let app = buildWitnessApplication(configuration: configuration, witness: witness, logger: Logger(label: "witness-test"))
        return try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port!)") }
    }

    /// Runs `body` against a live server of a new witness for a new log, then removes the witness's files.
    static func serving(
        maximumBodySize: Int = WitnessConfiguration.defaultMaximumBodySize,
        _ body: @Sendable (TestWitness, String) async throws -> Void
    ) async throws {
        let witness = try TestWitness(log: try WitnessTestLog())
        defer { witness.remove() }
        try await witness.serve(maximumBodySize: maximumBodySize) { url in try await body(witness, url) }
    }

    /// Posts an `add-checkpoint` body.
    static func post(_ body: [UInt8], to url: String, headers: [String: String] = [:]) async throws -> Answer {
        let reply = try await NodeHTTP.post(url + "/add-checkpoint", body, headers: headers, timeout: 10)
        return Answer(status: Int(reply.status.code), contentType: reply.headers.first(name: "Content-Type"), text: reply.text)
    }

    /// Gets a path.
    static func get(_ path: String, from url: String) async throws -> (status: Int, body: [UInt8]) {
        let reply = try await NodeHTTP.get(url + path, timeout: 10)
        return (Int(reply.status.code), reply.body)
    }

    /// The path of the latest cosigned checkpoint of the log.
    var checkpointPath: String { "/" + WitnessedLog.hash(origin: log.origin) + "/checkpoint" }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
