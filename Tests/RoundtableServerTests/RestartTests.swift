import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing

@Suite("Restarting a node on its SQLite file")
struct RestartTests {
    @Test("every acknowledged act is still there after a restart, and replays stay refused")
    func restartKeepsAcknowledgedActs() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-restart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/roundtable.sqlite"
        let forum = try TestForum()

        let first = try await forum.open(on: try SQLiteForumStore(path: path))
        let acknowledged = try await withNode(first) { client in
            var acknowledged: [UInt64: [UInt8]] = [:]
            for sequence in 1...25 {
                let member = ["ee", "fr", "ke"][sequence % 3]
                let seq = UInt64(sequence / 3 + (sequence % 3 == 0 ? 0 : 1))
                let entry = try forum.credentialAct(by: member, seq: seq, [.addToken(try TestForum.token("t\(sequence)", sequence))])
                let response = try await client.submit(entry)
                #expect(response.status == .created)
                acknowledged[try response.decode(ActReceipt.self).index] = entry
            }
            return acknowledged
        }
        let stateBefore = first.state

        let second = try await forum.open(on: try SQLiteForumStore(path: path))
        #expect(second.state == stateBefore)
        try await withNode(second) { client in
            for (index, entry) in acknowledged {
                let read = try await client.get("/api/v1/acts/\(index)")
                #expect(Array(buffer: read.body) == entry)
            }
            let replay = try await client.submit(acknowledged[1]!)
            #expect(replay.status == .conflict)
            #expect(replay.errorCode == "replayed")
        }
        #expect(try await second.store.entryCount() == 26)
    }
}
