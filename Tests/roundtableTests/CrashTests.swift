import Foundation
import NIOHTTP1
import RoundtableDomain
import RoundtableTestSupport
import Synchronization
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// Acknowledged acts and observed checkpoints, shared by the sender and watcher tasks.
final class CrashRecord: Sendable {
    private let state = Mutex<(acknowledged: [UInt64: [UInt8]], checkpoints: Set<[UInt8]>)>(([:], []))

    func acknowledge(_ index: UInt64, _ entry: [UInt8]) { state.withLock { $0.acknowledged[index] = entry } }
    func observe(_ checkpoint: [UInt8]) { _ = state.withLock { $0.checkpoints.insert(checkpoint) } }
    var acknowledged: [UInt64: [UInt8]] { state.withLock { $0.acknowledged } }
    var checkpoints: Set<[UInt8]> { state.withLock { $0.checkpoints } }
}

@Suite("Crashes: kill -9 at random moments")
struct CrashTests {
    @Test("after repeated SIGKILLs every acknowledged act is stored byte for byte and every checkpoint is consistent")
    func killNineRepeatedly() async throws {
        try await killNine(database: [])
    }

    @Test(
        "on PostgreSQL too: after repeated SIGKILLs every acknowledged act is stored byte for byte and every checkpoint is consistent",
        .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
    func killNineRepeatedlyOnPostgres() async throws {
        try await killNine(database: ["--database", try await PostgresTestServer.createDatabase()])
    }

    /// Sends acts from eight members while killing the node four times, then checks what was acknowledged.
    /// - Parameter database: The `--database` arguments, if any.
    private func killNine(database: [String]) async throws {
        let directory = NSTemporaryDirectory() + "roundtable-crash-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let forum = try TestForum(origin: "crash.test", memberIDs: (1...8).map { "m\($0)" })
        let founders = try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n")
        try Data(founders.utf8).write(to: URL(fileURLWithPath: directory + "/founders.txt"))
        let arguments = ["--data", directory + "/data", "--founders", directory + "/founders.txt", "--public-url", "http://crash.test"] + database
        let record = CrashRecord()
        let log = URL(fileURLWithPath: directory + "/node.log")

        for round in 0..<4 {
            let node = try NodeProcess(arguments: arguments, output: log)
            try await node.waitUntilServing()
            let url = node.url
            try await withThrowingTaskGroup(of: Void.self) { group in
                for member in forum.keys.keys {
                    group.addTask { await Self.send(as: member, forum: forum, to: url, record: record) }
                }
                group.addTask { await Self.watchCheckpoints(at: url, record: record) }
                // Kill once the senders have had a few acts acknowledged in this round, however busy the machine, at
                // a random moment while they are still sending.
                let before = record.acknowledged.count
                try await waitUntil(attempts: 1_200) { record.acknowledged.count >= before + 6 }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...300)))
                #expect(node.stop(signal: SIGKILL) == SIGKILL, "round \(round)")
                try await group.waitForAll()
            }
        }

        let node = try NodeProcess(arguments: arguments, output: log)
        try await node.waitUntilServing()
        let acknowledged = record.acknowledged
        #expect(acknowledged.count > 20, "the senders got acts acknowledged before the kills")
        for (index, entry) in acknowledged {
            let (status, stored) = try await getBytes(node.url + "/api/v1/acts/\(index)")
            #expect(status == .ok && stored == entry, "entry \(index)")
        }
        let highest = acknowledged.keys.max() ?? 0
        let vkey = try NoteVerifier(parsing: String(decoding: try await getBytes(node.url + "/log/vkey").1, as: UTF8.self).dropLast())
        let client = LogClient(fetcher: HTTPLogFetcher(prefix: node.url + "/log"), logKey: vkey)
        try await waitUntil { try await client.latestCheckpoint().checkpoint.size > highest }
        let earlier = record.checkpoints
        #expect(!earlier.isEmpty)
        for note in earlier { _ = try await client.verifyConsistency(since: note) }
        try await LogAuditor(client: client).audit()
        #expect(node.stop() == 0)
    }

    /// Sends acts as one member until the node dies, resynchronising its sequence number first.
    static func send(as member: String, forum: TestForum, to url: String, record: CrashRecord) async {
        guard let (status, body) = try? await getBytes(url + "/api/v1/members/\(member)"), status == .ok,
            let json = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let next = json["next_seq"] as? Int
        else { return }
        var sequence = UInt64(next)
        while true {
            guard
                let entry = try? forum.credentialAct(
                    by: member,
                    seq: sequence,
                    [.addToken(try TestForum.token("c\(sequence)", Int(sequence) * 1000 + Int(member.dropFirst())!))]
                ),
                let (status, body) = try? await postAct(entry, to: url, timeout: 2), status == .created,
                let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], let index = json["index"] as? Int
            else { return }
            record.acknowledge(UInt64(index), entry)
            sequence += 1
        }
    }

    /// Collects every checkpoint the node serves until it dies.
    static func watchCheckpoints(at url: String, record: CrashRecord) async {
        while let (status, note) = try? await getBytes(url + "/log/checkpoint", timeout: 2) {
            if status == .ok { record.observe(note) }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }
}
