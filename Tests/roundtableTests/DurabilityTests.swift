import Foundation
import NIOHTTP1
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// An acknowledged act is on stable storage: shown at the system level, by the node's own system calls and by a disk
/// that fails under load, never by reading a setting.
@Suite("Durability: acknowledged means on stable storage", .serialized)
struct DurabilityTests {
    /// A node started on a forum of eight members, with its founders file in `directory`.
    static func startNode(forum: TestForum, directory: String, data: String, log: String, tracer: [String] = []) throws -> NodeProcess {
        let founders = try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n")
        try Data(founders.utf8).write(to: URL(fileURLWithPath: directory + "/founders.txt"))
        return try NodeProcess(
            arguments: ["--data", data, "--founders", directory + "/founders.txt", "--public-url", "http://\(forum.origin)"],
            output: URL(fileURLWithPath: log), tracer: tracer)
    }

    @Test("strace shows an fdatasync of the WAL between every act's request and its acknowledgement")
    func everyAcknowledgementFollowsASync() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-fsync-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let forum = try TestForum(origin: "fsync.test", memberIDs: ["m1"])
        let trace = directory + "/trace"
        let node = try Self.startNode(
            forum: forum, directory: directory, data: directory + "/data", log: directory + "/node.log",
            tracer: try SyncTrace.tracer(writingTo: trace))
        try await node.waitUntilServing()

        var windows: [ClosedRange<Double>] = []
        for sequence in 1...20 {
            let entry = try forum.credentialAct(by: "m1", seq: UInt64(sequence), [.addToken(try TestForum.token("t\(sequence)", sequence))])
            let sent = Date().timeIntervalSince1970
            let (status, body) = try await postAct(entry, to: node.url)
            let answered = Date().timeIntervalSince1970
            #expect(status == .created, "\(body)")
            windows.append(sent...answered)
        }
        #expect(node.stop() == 0)

        let syncs = try SyncTrace.syncs(in: trace, of: "roundtable.sqlite-wal>")
        #expect(syncs.count >= windows.count, "\(syncs.count) syncs of the WAL for \(windows.count) acknowledged acts")
        for (offset, window) in windows.enumerated() {
            #expect(syncs.contains { window.contains($0) }, "act \(offset + 1) was acknowledged without an fsync of the WAL")
        }
    }

    @Test("a disk that fails under load loses no acknowledged act, and no checkpoint served before disagrees with the log after repair")
    func diskFailureUnderLoad() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-disk-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let disk = try LoopDisk(directory: directory)
        let senders = (1...8).map { "m\($0)" }
        let forum = try TestForum(origin: "disk.test", memberIDs: senders + ["probe"])
        let data = disk.mountPoint + "/data"
        let log = directory + "/node.log"
        let record = CrashRecord()

        let node = try Self.startNode(forum: forum, directory: directory, data: data, log: log)
        try await node.waitUntilServing()
        let url = node.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for member in senders {
                group.addTask { await CrashTests.send(as: member, forum: forum, to: url, record: record) }
            }
            group.addTask { await CrashTests.watchCheckpoints(at: url, record: record) }
            // Under load, past at least one checkpoint: the disk fails.
            try await waitUntil(attempts: 1200) { record.acknowledged.count > 500 && record.checkpoints.count > 1 }
            try disk.fail()
            // Once its writes fail the node refuses acts (503) and the senders stop at their first refusal; a probe
            // member's acts show when that has happened.
            var probe: UInt64 = 1
            try await waitUntil {
                let act = try forum.credentialAct(by: "probe", seq: probe, [.addToken(try TestForum.token("p\(probe)", Int(probe)))])
                let (status, _) = try await postAct(act, to: url)
                if status == .created { probe += 1 }
                return status == .serviceUnavailable
            }
            #expect(node.stop(signal: SIGKILL) == SIGKILL)
            try await group.waitForAll()
        }
        let acknowledged = record.acknowledged
        #expect(acknowledged.count > 500)
        let repair = try disk.repairAndRemount()

        let restarted = try Self.startNode(forum: forum, directory: directory, data: data, log: log)
        try await restarted.waitUntilServing()
        for (index, entry) in acknowledged.sorted(by: { $0.key < $1.key }) {
            let (status, stored) = try await getBytes(restarted.url + "/api/v1/acts/\(index)")
            #expect(status == .ok && stored == entry, "acknowledged entry \(index) after the disk failure (e2fsck: \(repair))")
        }
        let vkey = try NoteVerifier(parsing: String(decoding: try await getBytes(restarted.url + "/log/vkey").1, as: UTF8.self).dropLast())
        let client = LogClient(fetcher: HTTPLogFetcher(prefix: restarted.url + "/log"), logKey: vkey)
        let highest = acknowledged.keys.max() ?? 0
        try await waitUntil { try await client.latestCheckpoint().checkpoint.size > highest }
        for note in record.checkpoints { _ = try await client.verifyConsistency(since: note) }
        try await LogAuditor(client: client).audit()
        #expect(restarted.stop() == 0)
    }
}
