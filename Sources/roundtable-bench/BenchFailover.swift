import ArgumentParser
import Crypto
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import Synchronization
import TransparencyLog

/// `roundtable-bench failover`: two front-ends on one PostgreSQL database under a steady load of signed acts and
/// reads; the leader is killed with SIGKILL again and again. Reports how long the other took to lead, the reads that
/// failed on the front-end that was not killed, and checks that every acknowledged act is in the log.
struct BenchFailover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover",
        abstract: "Leader failover of two front-ends on one PostgreSQL database under load (needs --postgres)."
    )

    @Option(help: "The PostgreSQL cluster's maintenance database (postgres://USER@/postgres?host=DIR); a new database is made in it.")
    var postgres: String
    @Option(help: "How many times the leader is killed.") var kills = 10
    @Option(help: "Members sending acts, one act in flight each.") var members = 16
    @Option(help: "Acts acknowledged between two kills.") var actsBetween = 200
    @Option(help: "Readers per front-end, each reading the forum's description again and again.") var readers = 4
    @Option(help: "The roundtable executable (default: the one built beside roundtable-bench).") var node: String?

    func run() async throws {
        let directory = try Bench.temporaryDirectory("failover")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await BenchPostgres.createDatabase(maintenance: postgres)
        print("bench failover: 2 front-ends on one PostgreSQL database (synchronous_commit \(try await BenchPostgres.synchronousCommit(database))), "
            + "\(members) members sending acts, \(readers) readers per front-end, \(kills) kills; \(Bench.machine)")
        let first = try await BenchNodeProcess(members: members, directory: directory, executable: node, database: database)
        var fronts = ["a": try FrontEndProcess(adopting: first), "b": try await FrontEndProcess.start(
            name: "b", directory: directory, database: database, nodeKey: directory + "/node/node.key", executable: node)]
        defer { for front in fronts.values { front.stop() } }
        let load = Load()
        var failovers: [Double] = []
        var leader = "a"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in first.keys.keys.sorted() {
                let key = first.keys[id]!
                group.addTask { await load.send(as: id, key: key, origin: first.origin, urls: { await load.urls }) }
            }
            for reader in 0..<(2 * readers) { group.addTask { await load.read(front: reader % 2 == 0 ? "a" : "b") } }
            await load.set(fronts.mapValues(\.url))
            for kill in 0..<kills {
                let before = load.acknowledged
                try await Self.wait(limit: 120) { load.acknowledged >= before + actsBetween }
                let follower = leader == "a" ? "b" : "a"
                load.killing(leader)
                fronts[leader]!.kill()
                let killed = ContinuousClock.now
                // Asked on a client of its own (not the senders'), whose requests may queue behind acts sent to the one killed.
                try await Self.wait(limit: 30) {
                    (try? await NodeHTTP.get(fronts[follower]!.url + "/healthz", timeout: 2, failingFast: false).text) == "ok\n"
                }
                let took = ContinuousClock.now - killed
                failovers.append(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                print("  kill \(kill + 1): \(leader) killed, \(follower) led \(String(format: "%.0f", failovers.last! * 1000)) ms later")
                fronts[leader] = try await FrontEndProcess.start(
                    name: leader, directory: directory, database: database, nodeKey: directory + "/node/node.key", executable: node)
                await load.set(fronts.mapValues(\.url))
                load.killing(nil)
                leader = follower
            }
            load.stopping()
            group.cancelAll()
        }
        // Every acknowledged act is in the log, byte for byte.
        let url = fronts[leader]!.url
        var missing = 0
        for (index, entry) in load.entries {
            let reply = try await NodeHTTP.get(url + "/api/v1/acts/\(index)")
            if reply.body != entry { missing += 1 }
        }
        let (reads, failed, failedOnKilled) = load.readCounts
        print(
            "failover to lead: p50 \(String(format: "%.0f", Bench.percentile(failovers, 0.5) * 1000)) ms, max "
                + "\(String(format: "%.0f", (failovers.max() ?? 0) * 1000)) ms over \(failovers.count) kills")
        print("acts acknowledged: \(load.acknowledged); missing from the log afterwards: \(missing)")
        print("reads: \(reads); failed on the front-end not killed: \(failed)")
        for (reason, count) in load.failureReasons.sorted(by: { $0.value > $1.value }) { print("  \(count) × \(reason)") }
        print("failed on the one killed (in flight, or while down): \(failedOnKilled)")
        if missing > 0 { throw CLIError("\(missing) acknowledged acts are missing") }
    }

    static func wait(limit seconds: Int, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CLIError("the condition did not hold within \(seconds) s")
    }

    /// The acts sent and the reads made, shared by the tasks.
    final class Load: Sendable {
        private struct State {
            var urls: [String: String] = [:]
            var killing: String?
            var acked: [UInt64: [UInt8]] = [:]
            var reads = 0
            var failed = 0
            var failedOnKilled = 0
            /// Why the reads on the front-end not killed failed, and how often.
            var reasons: [String: Int] = [:]
            var stop = false
        }

        private let state = Mutex(State())

        var urls: [String] { state.withLock { $0.urls.sorted { $0.key < $1.key }.map(\.value) } }
        var acknowledged: Int { state.withLock { $0.acked.count } }
        var entries: [UInt64: [UInt8]] { state.withLock { $0.acked } }
        var readCounts: (Int, Int, Int) { state.withLock { ($0.reads, $0.failed, $0.failedOnKilled) } }
        /// Why reads failed on the front-end not killed.
        var failureReasons: [String: Int] { state.withLock { $0.reasons } }
        func set(_ urls: [String: String]) async { state.withLock { $0.urls = urls } }
        func killing(_ front: String?) { state.withLock { $0.killing = front } }
        func stopping() { state.withLock { $0.stop = true } }
        private var stopped: Bool { state.withLock { $0.stop } || Task.isCancelled }

        /// Sends acts as one member through whichever front-end answers, reading its sequence number again after a failure.
        func send(as id: String, key: NoteSigner, origin: String, urls: @Sendable () async -> [String]) async {
            var attempt = 0
            var sequence: UInt64?
            while !stopped {
                let all = await urls()
                guard !all.isEmpty else { try? await Task.sleep(for: .milliseconds(10)); continue }
                let url = all[attempt % all.count]
                attempt += 1
                if sequence == nil {
                    guard let member: API.Member = try? await NodeHTTP.getJSON(url + "/api/v1/members/\(id)") else { continue }
                    sequence = member.nextSeq
                }
                let seq = sequence!
                let digest = Array(SHA256.hash(data: Array("\(id)-\(seq)".utf8)))
                guard let memberID = try? MemberID(id), let token = try? APIToken(label: "f\(seq)", sha256: digest),
                    let note = try? Self.note(origin: origin, member: memberID, sequence: seq, token: token, key: key),
                    let reply = try? await NodeHTTP.postAct(note, node: url, timeout: 5), reply.status == .created,
                    let json = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any], let index = json["index"] as? Int
                else {
                    sequence = nil
                    try? await Task.sleep(for: .milliseconds(20))
                    continue
                }
                state.withLock { $0.acked[UInt64(index)] = note }
                sequence = seq + 1
            }
        }

        private static func note(origin: String, member: MemberID, sequence: UInt64, token: APIToken, key: NoteSigner) throws -> [UInt8] {
            try Act(origin: origin, actor: .member(member), sequence: sequence, body: .credential([.addToken(token)])).signed(by: [key]).bytes
        }

        /// Reads the forum's description from one front-end, again and again, counting failures.
        func read(front: String) async {
            while !stopped {
                guard let url = state.withLock({ $0.urls[front] }) else { try? await Task.sleep(for: .milliseconds(10)); continue }
                let failure: String?
                do {
                    let reply = try await NodeHTTP.get(url + "/api/v1/forum", timeout: 2)
                    failure = reply.status == .ok ? nil : "HTTP \(reply.status.code) \(reply.text.prefix(120))"
                } catch {
                    // A read cut short by the benchmark's own end is not the node's failure.
                    if Task.isCancelled || error is CancellationError { return }
                    failure = "\(error)"
                }
                state.withLock { state in
                    state.reads += 1
                    guard let failure else { return }
                    if state.killing == front || state.urls[front] != url {
                        state.failedOnKilled += 1
                    } else {
                        state.failed += 1
                        state.reasons[failure, default: 0] += 1
                    }
                }
            }
        }
    }
}

/// A `roundtable serve` front-end process on a shared database, for the failover benchmark.
final class FrontEndProcess: @unchecked Sendable {
    let process: Process
    let url: String
    private let adopted: BenchNodeProcess?

    /// The benchmark's first node, which created the forum.
    init(adopting node: BenchNodeProcess) throws {
        process = node.process
        url = node.url
        adopted = node
    }

    private init(process: Process, url: String) {
        self.process = process
        self.url = url
        adopted = nil
    }

    /// Starts a front-end with a data directory of its own holding the forum's node key, and waits until it answers;
    /// held to the CPUs `cpus` when given (``Bench/command(_:_:cpus:)``).
    static func start(
        name: String, directory: String, database: String, nodeKey: String, executable: String?, cpus: String? = nil
    ) async throws -> FrontEndProcess {
        let data = directory + "/front-" + name + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: nodeKey, toPath: data + "/node.key")
        let process = Process()
        let portFile = data + ".port"
        let command = Bench.command(
            try Bench.nodeExecutable(executable),
            ["serve", "--data", data, "--database", database, "--port", "0", "--port-file", portFile, "--public-url", "http://bench.test"],
            cpus: cpus)
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments
        let log = data + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        process.environment = ProcessInfo.processInfo.environment.merging(["LOG_LEVEL": "error"]) { $1 }
        try process.run()
        var port: Int?
        try await BenchFailover.wait(limit: 60) {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil || !process.isRunning
        }
        guard let port else { throw CLIError("the front-end \(name) exited; see \(log)") }
        let front = FrontEndProcess(process: process, url: "http://127.0.0.1:\(port)")
        try await BenchFailover.wait(limit: 60) { (try? await NodeHTTP.get(front.url + "/healthz", timeout: 2).status) == .ok }
        return front
    }

    /// SIGKILL, and wait for it.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, and wait for it.
    func stop() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
