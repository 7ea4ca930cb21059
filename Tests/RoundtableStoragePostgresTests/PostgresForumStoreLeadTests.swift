import Foundation
import RoundtableDomain
import RoundtableStoragePostgres
import RoundtableTestSupport
import Testing

/// The lead of front-ends sharing one PostgreSQL database (`PostgresForumStore+Lead`): who holds it, and the fence that
/// keeps a front-end that lost it from writing, even while it still believes it leads.
@Suite("PostgreSQL store: the lead and its fence", .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
struct PostgresForumStoreLeadTests {
    @Test(
        """
        a leader whose lock connection the server ends is fenced: another store takes the lead (the epoch rises) and \
        appends; the deposed one, still believing it leads, appends and stores no checkpoint, and then finds it no longer leads
        """, .hangGuard)
    func deposedLeaderIsFenced() async throws {
        let url = try await PostgresTestServer.createDatabase()
        let a = try await PostgresForumStore.open(try PostgresURL(url))
        let b = try await PostgresForumStore.open(try PostgresURL(url))
        defer {
            a.close()
            b.close()
        }
        #expect(try await a.tryToLead(url: "http://a.test"))
        #expect(try await !b.tryToLead(url: "http://b.test"), "the lock is a's")
        let first = try await a.leader()
        #expect(first.url == "http://a.test")
        try await a.append([Self.record("a0"), Self.record("a1")], at: 0)

        // The server ends a's lock connection; a is not told, and b takes the lead once the lock is free.
        #expect(try await PostgresTestServer.endLeadConnection(in: url).count == 1)
        try await waitUntil("b taking the lead") { try await b.tryToLead(url: "http://b.test") }
        let second = try await b.leader()
        #expect(second.url == "http://b.test" && second.epoch == first.epoch + 1, "\(second)")
        try await b.append([Self.record("b2")], at: 2)
        let written = ["a0", "a1", "b2"].map { Array($0.utf8) }

        // a appends as a leader would: at the size it last wrote, and at the log's true size (which it could have read).
        for index: UInt64 in [2, 3] {
            await #expect(throws: NotLeading(epoch: first.epoch, current: second.epoch), "a's append at \(index)") {
                try await a.append([Self.record("a\(index)")], at: index)
            }
        }
        #expect(try await a.entryCount() == 3)
        #expect(try await b.entries(from: 0, limit: 10) == written)
        #expect(try await PostgresTestServer.rowCount("entry", in: url) == 3)
        // Nor does it store a checkpoint or a cosigned checkpoint; the leader does.
        let witnessed = WitnessedCheckpoint(size: 2, note: Array("note".utf8), cosigners: ["w"], witnessedAt: 1)
        await #expect(throws: NotLeading(epoch: first.epoch, current: second.epoch)) { try await a.storeCheckpoint(Array("a".utf8), size: 2) }
        await #expect(throws: NotLeading(epoch: first.epoch, current: second.epoch)) { try await a.storeCosignedCheckpoint(witnessed) }
        #expect(try await PostgresTestServer.rowCount("log_checkpoint", in: url) == 0)
        #expect(try await PostgresTestServer.rowCount("log_cosigned", in: url) == 0)
        try await b.storeCheckpoint(Array("b".utf8), size: 3)
        #expect(try await a.latestCheckpoint() == Array("b".utf8))

        // Asked, a finds its connection gone; it cannot take the lead back while b holds it, and b still leads.
        #expect(await !a.stillLeads())
        #expect(try await !a.tryToLead(url: "http://a.test"))
        #expect(await b.stillLeads())
        let now = try await a.leader()
        #expect(now.url == second.url && now.epoch == second.epoch)
        await #expect(throws: NotLeading(epoch: first.epoch, current: second.epoch)) { try await a.append([Self.record("a3")], at: 3) }
        try await b.append([Self.record("b3")], at: 3)
        #expect(try await a.entries(from: 0, limit: 10) == written + [Array("b3".utf8)])
    }

    /// An act's record with no changes beside the entry: what the fence guards is the entry and the log's size.
    private static func record(_ text: String) -> ActRecord { ActRecord(entry: Array(text.utf8), changes: []) }
}
