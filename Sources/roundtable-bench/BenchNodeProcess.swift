import Crypto
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// A node run as its own `roundtable serve` process, for the benchmarks that measure the node
/// alone (its memory apart from the load generator's). Its members `m1`…`mN` hold keys made here and the API tokens
/// `token-m1`…; it listens on a loopback port it binds itself (`--port 0`) and is stopped by its PID.
///
/// `@unchecked Sendable`: its port is set once, in `init`, and its process is only read or stopped afterwards.
final class BenchNodeProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    let directory: String
    let keys: [String: NoteSigner]
    var url: String { "http://127.0.0.1:\(port)" }
    let origin = "bench.test"

    /// Starts the node on a new forum in `directory` and registers each member's API token.
    /// - Parameter executable: The `roundtable` executable to run; the one built beside this one by default.
    /// - Parameter database: The `--database` URL (a new, empty PostgreSQL database), or `nil` for SQLite in the data
    ///   directory.
    /// - Parameter cpus: The CPUs the node is held to (``Bench/command(_:_:cpus:)``), or `nil` for all.
    init(members: Int, directory: String, executable: String? = nil, database: String? = nil, cpus: String? = nil) async throws {
        self.directory = directory
        keys = try Dictionary(uniqueKeysWithValues: (1...members).map { ("m\($0)", try NoteSigner.generate(name: "m\($0).bench/key")) })
        let founders = keys.keys.sorted().map { "\($0) \(keys[$0]!.verifier) Member \($0)" }.joined(separator: "\n") + "\n"
        try founders.write(toFile: directory + "/founders.txt", atomically: true, encoding: .utf8)
        let log = directory + "/node.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let portFile = directory + "/node.port"
        let command = Bench.command(
            try Bench.nodeExecutable(executable),
            [
                "serve", "--data", directory + "/node", "--port", "0", "--port-file", portFile, "--public-url", "http://" + origin,
                "--founders", directory + "/founders.txt",
            ] + (database.map { ["--database", $0] } ?? []), cpus: cpus)
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        process.environment = ProcessInfo.processInfo.environment.merging(["LOG_LEVEL": "error"]) { $1 }
        try process.run()
        port = try await Self.waitForPort(portFile, process: process)
        try await BenchForum.waitForHealth(url: url)
        for id in keys.keys.sorted() {
            let digest = Array(SHA256.hash(data: Array("token-\(id)".utf8)))
            let act = Act(
                origin: origin, actor: .member(try MemberID(id)), sequence: 1,
                body: .credential([.addToken(try APIToken(label: "bench", sha256: digest))]))
            let reply = try await NodeHTTP.postAct(try act.signed(by: [keys[id]!]).bytes, node: url)
            guard reply.status == .created else { throw CLIError("the node refused \(id)'s token: \(reply.text)") }
        }
    }

    /// The port the node announces in its port file once it listens.
    private static func waitForPort(_ path: String, process: Process) async throws -> Int {
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return port
            }
            guard process.isRunning else { throw CLIError("the benchmark node exited before it listened") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIError("the benchmark node wrote no port file")
    }

    /// The operator's token, which the node wrote in its data directory.
    private func adminToken() throws -> String {
        try String(contentsOfFile: directory + "/node/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The node's commits so far, from its `/metrics`: the acts committed and the commits (batches) that carried them.
    func commits() async throws -> (acts: Double, batches: Double) {
        let reply = try await NodeHTTP.get(url + "/metrics", headers: ["Authorization": "Bearer \(try adminToken())"])
        guard reply.status == .ok else { throw CLIError("the node's /metrics answered HTTP \(reply.status.code)") }
        let samples = PrometheusSamples.parse(reply.text)
        return (samples[NodeMetrics.appendBatchLabel + "_sum"] ?? 0, samples[NodeMetrics.appendBatchLabel + "_count"] ?? 0)
    }

    /// Creates a collection every member may read and write; returns its id.
    func createCollection(alias: String) async throws -> String {
        let token = try adminToken()
        let body = API.NewCollection(
            alias: alias, title: "Benchmark collection", audience: "all", read: "all", write: "all", public: false, defaultTLP: "amber")
        let reply = try await NodeHTTP.post(
            url + "/api/v1/admin/collections", Array(try JSONEncoder().encode(body)),
            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"])
        guard reply.status == .created, let json = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
            let id = json["id"] as? String
        else { throw CLIError("the node refused the collection (HTTP \(reply.status.code)): \(reply.text)") }
        return id
    }

    /// The members as the node reports them.
    func members() async throws -> [String: API.Member] {
        let list: API.MemberList = try await NodeHTTP.getJSON(url + "/api/v1/members")
        return Dictionary(uniqueKeysWithValues: list.members.map { ($0.id, $0) })
    }

    /// Each member's next `count` acts (``BenchCredentialActs``), after those the node holds.
    func acts(count: Int) async throws -> [String: [[UInt8]]] {
        try await members().mapValues { member in
            try BenchCredentialActs.make(origin: origin, member: member.id, key: keys[member.id]!, count: count, from: .init(member))
        }
    }

    /// The acts the node has accepted from its members: the sum of their sequence numbers.
    func memberActCount() async throws -> UInt64 {
        try await members().values.reduce(0) { $0 + $1.nextSeq - 1 }
    }

    /// The node process's resident memory, in MiB.
    var residentMiB: Int? { Bench.residentKiB(pid: process.processIdentifier).map { $0 / 1024 } }

    /// Stops the node (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    deinit { stop() }
}
