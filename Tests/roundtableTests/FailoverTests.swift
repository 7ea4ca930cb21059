import Foundation
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableTestSupport
import Synchronization
import Testing
import TransparencyLog

/// Two `roundtable serve` front-ends on one PostgreSQL database: one leads, the other follows and forwards writes;
/// the leader is killed with SIGKILL under a steady load of signed acts, or loses its lock's connection, and the other
/// takes the lead. What the log then serves is checked in-process and with `roundtable log verify` and `roundtable audit`,
/// as a member would check it. The tests run one at a time: each times a failover on a machine the other would load.
@Suite(
    "Front-ends on one PostgreSQL database", .serialized,
    .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
struct FailoverTests {
    let directory = NSTemporaryDirectory() + "roundtable-failover-" + UUID().uuidString
    /// The forum's origin.
    static let origin = "failover.test"
    /// The log's origin, which its checkpoints name.
    static let logOrigin = ForumLog<InMemoryForumStore>.origin(forumOrigin: origin)

    /// The file `roundtable log verify --state` keeps the last checkpoint it verified in, carried from run to run.
    var state: String { directory + "/verified-checkpoint" }

    /// Two front-ends on a new database: `a` created the forum and leads, `b` follows with a copy of its node key.
    struct FrontEnds {
        /// The database's URL.
        let database: String
        /// The arguments every front-end starts with.
        let arguments: [String]
        /// The log's verifier key, as `/log/vkey` served it before any failover.
        let vkey: String
        /// The front-ends by name; a restarted one replaces the one it was.
        var nodes: [String: NodeProcess]
    }

    /// Starts a front-end on the database with the data directory `name` (holding the forum's node key).
    private func frontEnd(_ name: String, _ arguments: [String]) throws -> NodeProcess {
        try NodeProcess(arguments: ["--data", directory + "/" + name] + arguments, output: URL(fileURLWithPath: directory + "/\(name).log"))
    }

    /// Creates the forum of `forum`'s founders on a new database with front-end `a`, then starts `b` following it.
    private func startFrontEnds(_ forum: TestForum) async throws -> FrontEnds {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n").utf8)
            .write(to: URL(fileURLWithPath: directory + "/founders.txt"))
        let database = try await PostgresTestServer.createDatabase()
        let arguments = ["--database", database, "--public-url", "http://\(Self.origin)"]
        let a = try frontEnd("a", arguments + ["--founders", directory + "/founders.txt"])
        try await a.waitUntilServing()
        // It answers `following` until it has taken the lead and written the genesis.
        try await Self.waitUntilLeading(a)
        let vkey = String(decoding: try await getBytes(a.url + "/log/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.createDirectory(atPath: directory + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory + "/a/node.key", toPath: directory + "/b/node.key")
        let b = try frontEnd("b", arguments)
        try await b.waitUntilServing()
        #expect(try await b.get("/healthz").body == "following\n")
        return FrontEnds(database: database, arguments: arguments, vkey: vkey, nodes: ["a": a, "b": b])
    }

    @Test(
        """
        the follower forwards writes and serves reads; after each SIGKILL of the leader the other leads within 5 s, no acknowledged act is \
        lost, every checkpoint is consistent (roundtable log verify --state before and after each), and roundtable audit passes
        """)
    func killTheLeader() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: Self.origin, memberIDs: (1...8).map { "m\($0)" })
        var frontEnds = try await startFrontEnds(forum)

        // A write at the follower is forwarded to the leader, and the follower shows it within a second.
        let entry = try forum.credentialAct(by: "m1", seq: 1, [.addToken(try TestForum.token("first", 1))])
        let (status, body) = try await postAct(entry, to: frontEnds.nodes["b"]!.url)
        #expect(status == .created, "\(body)")
        try await waitUntil("the forwarded act at b", attempts: 40) { (try await getBytes(frontEnds.nodes["b"]!.url + "/api/v1/acts/1")).1 == entry }

        let record = CrashRecord()
        var failovers: [Double] = []
        var leader = "a"
        for round in 0..<3 {
            try await Self.underLoad(forum, at: frontEnds.nodes.values.map(\.url), record: record) {
                try await Self.waitForAcknowledgements(20, record)
                // What a member holds before the kill: the checkpoint the next runs must extend.
                try verifyLog(at: frontEnds.nodes[leader]!.url, vkey: frontEnds.vkey)
                #expect(frontEnds.nodes[leader]!.stop(signal: SIGKILL) == SIGKILL, "round \(round)")
                let follower = leader == "a" ? "b" : "a"
                failovers.append(try await Self.waitUntilLeading(frontEnds.nodes[follower]!))
                // The senders keep going through the new leader a while, then the killed one comes back as a follower.
                try await Self.waitForAcknowledgements(20, record)
                try verifyLog(at: frontEnds.nodes[follower]!.url, vkey: frontEnds.vkey)
                frontEnds.nodes[leader] = try frontEnd(leader, frontEnds.arguments)
                try await frontEnds.nodes[leader]!.waitUntilServing()
                #expect(try await frontEnds.nodes[leader]!.get("/healthz").body == "following\n")
                try verifyLog(at: frontEnds.nodes[leader]!.url, vkey: frontEnds.vkey)
                leader = follower
            }
        }
        #expect(failovers.allSatisfy { $0 <= 5 }, "failover times \(failovers)")
        #expect(record.acknowledged.count >= 120)
        try await checkLog(at: frontEnds.nodes[leader]!.url, vkey: frontEnds.vkey, record: record)
        for node in frontEnds.nodes.values { #expect(node.stop() == 0, "stopped by SIGTERM: \(node.log.suffix(3_000))") }
    }

    @Test(
        """
        a leader whose lock connection the database server ends stops writing and exits non-zero, saying it lost the lead; the other \
        leads within 5 s, no acknowledged act is lost, every checkpoint is consistent, and roundtable audit passes
        """)
    func leaderLosesItsLockConnection() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: Self.origin, memberIDs: (1...8).map { "m\($0)" })
        var frontEnds = try await startFrontEnds(forum)
        let (a, b) = (frontEnds.nodes["a"]!, frontEnds.nodes["b"]!)
        let record = CrashRecord()
        var failover = 0.0
        try await Self.underLoad(forum, at: [a.url, b.url], record: record) {
            try await Self.waitForAcknowledgements(20, record)
            try verifyLog(at: a.url, vkey: frontEnds.vkey)
            // a's process goes on running; only the server process of its lock's connection ends.
            #expect(try await PostgresTestServer.endLeadConnection(in: frontEnds.database).count == 1)
            failover = try await Self.waitUntilLeading(b)
            try await waitUntil("the exit of a, whose lock connection ended", attempts: 200) { !a.process.isRunning }
            try await Self.waitForAcknowledgements(20, record)
            try verifyLog(at: b.url, vkey: frontEnds.vkey)
        }
        #expect(failover <= 5, "failover time \(failover) s")
        #expect(a.waitForExit() != 0)
        #expect(a.log.contains("Lost the lead"), "\(a.log)")

        // Started again, a follows.
        frontEnds.nodes["a"] = try frontEnd("a", frontEnds.arguments)
        try await frontEnds.nodes["a"]!.waitUntilServing()
        #expect(try await frontEnds.nodes["a"]!.get("/healthz").body == "following\n")
        try verifyLog(at: frontEnds.nodes["a"]!.url, vkey: frontEnds.vkey)
        try await checkLog(at: b.url, vkey: frontEnds.vkey, record: record)
        for node in frontEnds.nodes.values { #expect(node.stop() == 0, "stopped by SIGTERM: \(node.log.suffix(3_000))") }
    }

    /// Runs `body` while seven members (all but `m1`) send signed acts through whichever of the front-ends at `urls`
    /// answers, and every front-end's checkpoints are collected; the senders and collectors stop when it returns.
    private static func underLoad(_ forum: TestForum, at urls: [String], record: CrashRecord, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for member in forum.keys.keys where member != "m1" {
                group.addTask { await send(as: member, forum: forum, to: urls, record: record) }
            }
            for url in urls { group.addTask { await watchCheckpoints(at: url, record: record) } }
            try await body()
            group.cancelAll()
        }
    }

    /// Waits until `count` more acts than now have been acknowledged, however busy the machine.
    private static func waitForAcknowledgements(_ count: Int, _ record: CrashRecord) async throws {
        let before = record.acknowledged.count
        try await waitUntil("\(count) more acknowledged acts", attempts: 1_200) { record.acknowledged.count >= before + count }
    }

    /// Waits until a front-end leads (its `/healthz` says `ok`); returns how many seconds that took.
    @discardableResult
    private static func waitUntilLeading(_ node: NodeProcess) async throws -> Double {
        let start = ContinuousClock.now
        try await waitUntil("the lead of \(node.url)", attempts: 200) { (try? await node.get("/healthz").body) == "ok\n" }
        return Figures.seconds(ContinuousClock.now - start)
    }

    /// Checks what a front-end serves once the load stopped: every acknowledged act, byte for byte; every checkpoint
    /// collected consistent with the latest, and the log's tiles, in-process (`LogClient`, `LogAuditor`); then the whole
    /// forum with `roundtable log verify --state` and `roundtable audit`.
    private func checkLog(at url: String, vkey: String, record: CrashRecord) async throws {
        let acknowledged = record.acknowledged
        for (index, entry) in acknowledged {
            let (status, stored) = try await getBytes(url + "/api/v1/acts/\(index)")
            #expect(status == .ok && stored == entry, "entry \(index)")
        }
        let client = LogClient(fetcher: HTTPLogFetcher(prefix: url + "/log"), logKey: try NoteVerifier(parsing: vkey))
        let size = (acknowledged.keys.max() ?? 0) + 1
        try await waitUntil("a checkpoint of every acknowledged act") { try await client.latestCheckpoint().checkpoint.size >= size }
        #expect(!record.checkpoints.isEmpty)
        for note in record.checkpoints { _ = try await client.verifyConsistency(since: note) }
        try await LogAuditor(client: client).audit()
        #expect(try verifyLog(at: url, vkey: vkey) >= size)
        try audit(at: url, vkey: vkey, covering: size)
    }

    /// Runs `roundtable log verify --state` against a front-end, as a member's client would, with ``state`` carried
    /// from run to run: the latest checkpoint must verify with the log's key and extend the one the run before saved.
    /// - Returns: The size of the checkpoint verified (and saved).
    @discardableResult
    private func verifyLog(at url: String, vkey: String) throws -> UInt64 {
        let saved = try savedCheckpoint()
        let (status, output) = try Tool.status(NodeProcess.executable.path, ["log", "verify", "--url", url, "--vkey", vkey, "--state", state])
        try #require(status == 0, "roundtable log verify at \(url) exited \(status): \(output)")
        let latest = try #require(try savedCheckpoint(), "roundtable log verify saved no checkpoint")
        #expect(latest.origin == Self.logOrigin)
        let consistent = saved.map { " (consistent with size \($0.size))" } ?? ""
        #expect(output == "OK \(latest.origin) size \(latest.size) root \(latest.root.base64)\(consistent)\n")
        #expect(latest.size >= saved?.size ?? 0, "the log shrank from \(saved?.size ?? 0) to \(latest.size)")
        return latest.size
    }

    /// The checkpoint `roundtable log verify` saved in ``state``, if it saved one.
    private func savedCheckpoint() throws -> Checkpoint? {
        guard let note = FileManager.default.contents(atPath: state) else { return nil }
        return try Checkpoint(parsing: try SignedNote(parsing: Array(note)).text)
    }

    /// Runs `roundtable audit` against a front-end: it must pass, having replayed at least `size` acts.
    private func audit(at url: String, vkey: String, covering size: UInt64) throws {
        let (status, output) = try Tool.status(NodeProcess.executable.path, ["audit", "--url", url, "--vkey", vkey])
        #expect(status == 0, "roundtable audit at \(url) exited \(status): \(output)")
        let passed = "OK \(Self.logOrigin) size "
        let audited = output.split(separator: "\n").first.flatMap { line in
            line.hasPrefix(passed) ? UInt64(line.dropFirst(passed.count).prefix { $0 != ":" }) : nil
        }
        #expect((audited ?? 0) >= size, "roundtable audit: \(output)")
        #expect(output.contains("every signature is valid and every decision follows from the acts"), "\(output)")
        #expect(output.contains("the node's communication figures match the replayed log"), "\(output)")
    }

    /// Sends acts as one member until the task is cancelled, through whichever front-end answers: after a failure it
    /// reads its next sequence number again (from the front-end it tries next).
    static func send(as member: String, forum: TestForum, to urls: [String], record: CrashRecord) async {
        var attempt = 0
        var sequence: UInt64?
        while !Task.isCancelled {
            let url = urls[attempt % urls.count]
            if sequence == nil {
                guard let (status, body) = try? await getBytes(url + "/api/v1/members/\(member)", timeout: 2), status == .ok,
                    let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let next = json["next_seq"] as? Int
                else {
                    attempt += 1
                    try? await Task.sleep(for: .milliseconds(50))
                    continue
                }
                sequence = UInt64(next)
            }
            let seq = sequence!
            guard
                let entry = try? forum.credentialAct(
                    by: member, seq: seq, [.addToken(try TestForum.token("f\(seq)", Int(seq) * 1000 + Int(member.dropFirst())!))]),
                let (status, body) = try? await postAct(entry, to: url, timeout: 2), status == .created,
                let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], let index = json["index"] as? Int
            else {
                // Refused or cut off: the act may or may not have been written; read the sequence number again.
                sequence = nil
                attempt += 1
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            record.acknowledge(UInt64(index), entry)
            sequence = seq + 1
            attempt += 1
        }
    }

    /// Collects the checkpoints a front-end serves until the task is cancelled.
    static func watchCheckpoints(at url: String, record: CrashRecord) async {
        while !Task.isCancelled {
            if let (status, note) = try? await getBytes(url + "/log/checkpoint", timeout: 2), status == .ok { record.observe(note) }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }
}
