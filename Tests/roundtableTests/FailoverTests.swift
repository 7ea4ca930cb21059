import Foundation
import NIOHTTP1
import RoundtableClient
import RoundtableDomain
import RoundtableTestSupport
import Synchronization
import Testing
import TransparencyLog

/// Two `roundtable serve` front-ends on one PostgreSQL database: one leads, the other follows and forwards writes;
/// the leader is killed with SIGKILL under a steady load of signed acts, and the other takes the lead.
@Suite("Front-ends on one PostgreSQL database", .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
struct FailoverTests {
    let directory = NSTemporaryDirectory() + "roundtable-failover-" + UUID().uuidString

    /// Starts a front-end on the database with the data directory `name` (holding the forum's node key).
    private func frontEnd(_ name: String, _ arguments: [String]) throws -> NodeProcess {
        try NodeProcess(arguments: ["--data", directory + "/" + name] + arguments, output: URL(fileURLWithPath: directory + "/\(name).log"))
    }

    @Test(
        """
        the follower forwards writes and serves reads; after each SIGKILL of the leader the other leads within 5 s, no acknowledged act is \
        lost, every checkpoint is consistent, and the audit passes
        """)
    func killTheLeader() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let forum = try TestForum(origin: "failover.test", memberIDs: (1...8).map { "m\($0)" })
        try Data(try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n").utf8)
            .write(to: URL(fileURLWithPath: directory + "/founders.txt"))
        let database = ["--database", try await PostgresTestServer.createDatabase(), "--public-url", "http://failover.test"]

        // The first front-end creates the forum; the second gets a copy of its node key.
        var nodes = ["a": try frontEnd("a", database + ["--founders", directory + "/founders.txt"])]
        try await nodes["a"]!.waitUntilServing()
        // Serving starts as a follower; the lone front-end takes the lead at its first try.
        try await waitUntil { try await nodes["a"]!.get("/healthz").body == "ok\n" }
        try FileManager.default.createDirectory(atPath: directory + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory + "/a/node.key", toPath: directory + "/b/node.key")
        nodes["b"] = try frontEnd("b", database)
        try await nodes["b"]!.waitUntilServing()
        #expect(try await nodes["b"]!.get("/healthz").body == "following\n")

        // A write at the follower is forwarded to the leader, and the follower shows it within a second.
        let entry = try forum.credentialAct(by: "m1", seq: 1, [.addToken(try TestForum.token("first", 1))])
        let (status, body) = try await postAct(entry, to: nodes["b"]!.url)
        #expect(status == .created, "\(body)")
        try await waitUntil(attempts: 40) { (try await getBytes(nodes["b"]!.url + "/api/v1/acts/1")).1 == entry }

        let record = CrashRecord()
        var failovers: [Double] = []
        var leader = "a"
        for round in 0..<3 {
            let urls = nodes.values.map(\.url)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for member in forum.keys.keys where member != "m1" {
                    group.addTask { await Self.send(as: member, forum: forum, to: urls, record: record) }
                }
                for url in urls { group.addTask { await Self.watchCheckpoints(at: url, record: record) } }
                let before = record.acknowledged.count
                try await waitUntil(attempts: 1_200) { record.acknowledged.count >= before + 20 }
                #expect(nodes[leader]!.stop(signal: SIGKILL) == SIGKILL, "round \(round)")
                let killed = ContinuousClock.now
                let follower = leader == "a" ? "b" : "a"
                try await waitUntil(attempts: 200) { (try? await nodes[follower]!.get("/healthz").body) == "ok\n" }
                let took = ContinuousClock.now - killed
                failovers.append(Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                // The senders keep going through the new leader a while, then the killed one comes back as a follower.
                let after = record.acknowledged.count
                try await waitUntil(attempts: 1_200) { record.acknowledged.count >= after + 20 }
                nodes[leader] = try frontEnd(leader, database)
                try await nodes[leader]!.waitUntilServing()
                #expect(try await nodes[leader]!.get("/healthz").body == "following\n")
                leader = follower
                group.cancelAll()
            }
        }
        #expect(failovers.allSatisfy { $0 <= 5 }, "failover times \(failovers)")

        // Every acknowledged act is in the log, byte for byte, read from either front-end.
        let acknowledged = record.acknowledged
        #expect(acknowledged.count >= 120)
        let url = nodes[leader]!.url
        for (index, entry) in acknowledged {
            let (status, stored) = try await getBytes(url + "/api/v1/acts/\(index)")
            #expect(status == .ok && stored == entry, "entry \(index)")
        }
        let vkey = try NoteVerifier(parsing: String(decoding: try await getBytes(url + "/log/vkey").1, as: UTF8.self).dropLast())
        let client = LogClient(fetcher: HTTPLogFetcher(prefix: url + "/log"), logKey: vkey)
        try await waitUntil { try await client.latestCheckpoint().checkpoint.size > acknowledged.keys.max() ?? 0 }
        #expect(!record.checkpoints.isEmpty)
        for note in record.checkpoints { _ = try await client.verifyConsistency(since: note) }
        try await LogAuditor(client: client).audit()
        for node in nodes.values { #expect(node.stop() == 0) }
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
