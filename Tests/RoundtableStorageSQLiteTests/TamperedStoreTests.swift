import Foundation
import GRDB
import RoundtableDomain
import RoundtableNode
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing

/// A database changed while the node was stopped is refused at start, with the first entry that differs named:
/// the node never acts on entries it has not matched against its own tree.
@Suite("A store changed behind the node's back")
struct TamperedStoreTests {
    /// A forum with a ballot still open, written to a SQLite file by its node and published in a checkpoint.
    struct Written {
        let path: String
        let forum: TestForum
        /// The log index of `fr`'s `no` vote in the open ballot.
        let vote: Int
        let size: Int
    }

    static func write(in directory: String) async throws -> Written {
        let path = directory + "/roundtable.sqlite"
        let rules = try Rules(quorum: Fraction(1, 2), circulation: 0, silence: 10, votingWindow: 10, important: [])
        let forum = try TestForum(rules: rules)
        var record = try GovernanceScenario(forum: forum)
        let open = try record.propose("ke")
        try record.runClerk()
        try record.act("ee", .object(proposal: open, reason: nil))
        try record.runClerk()
        try record.act("fr", .vote(proposal: open, choice: .no))
        let vote = record.entries.count - 1
        try record.act("ee", .vote(proposal: open, choice: .yes))
        let store = try SQLiteForumStore(path: path)
        let node = try await forum.open(on: store)
        var state = node.state
        for (index, entry) in record.entries.enumerated().dropFirst() {
            let changes = try state.check(try state.verifyLogged(entry: entry), at: UInt64(index))
            state.apply(changes)
            try await store.append([ActRecord(entry: entry, changes: changes)], at: UInt64(index))
        }
        try await node.log.integrateAndPublish()
        return Written(path: path, forum: forum, vote: vote, size: record.entries.count)
    }

    /// Reopening the forum fails, naming `reason`.
    static func expectRefused(_ written: Written, saying reason: String) async throws {
        await #expect {
            try await written.forum.open(on: try SQLiteForumStore(path: written.path))
        } throws: { error in
            guard case .treeMismatch(let problem) = error as? ForumNodeError else { return false }
            return problem.contains(reason)
        }
    }

    static func alter(_ path: String, _ change: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write(change)
        try queue.close()
    }

    @Test("an untouched store reopens")
    func untouched() async throws {
        let directory = try TemporaryDirectory()
        let written = try await Self.write(in: directory.path)
        let reopened = try await written.forum.open(on: try SQLiteForumStore(path: written.path))
        #expect(try await reopened.store.entryCount() == UInt64(written.size))
    }

    @Test("a vote changed from no to yes inside the file refuses the start, naming that entry; no ballot is closed on it")
    func changedVote() async throws {
        let directory = try TemporaryDirectory()
        let written = try await Self.write(in: directory.path)
        try Self.alter(written.path) { db in
            let data = try #require(try Data.fetchOne(db, sql: "SELECT data FROM entry_tail WHERE idx = ?", arguments: [written.vote]))
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("choice no\n"))
            try db.execute(
                sql: "UPDATE entry_tail SET data = ? WHERE idx = ?",
                arguments: [Data(text.replacingOccurrences(of: "choice no\n", with: "choice yes\n").utf8), written.vote])
        }
        try await Self.expectRefused(written, saying: "entry \(written.vote) does not match the log's tree")
    }

    @Test("a dropped entry refuses the start, naming the first entry that differs")
    func droppedEntry() async throws {
        let directory = try TemporaryDirectory()
        let written = try await Self.write(in: directory.path)
        try Self.alter(written.path) { db in
            try db.execute(sql: "DELETE FROM entry_tail WHERE idx = 3")
            try db.execute(sql: "UPDATE entry_tail SET idx = idx - 1 WHERE idx > 3")
        }
        try await Self.expectRefused(written, saying: "entry 3 does not match the log's tree")
    }

    @Test("two swapped entries refuse the start, naming the first")
    func swappedEntries() async throws {
        let directory = try TemporaryDirectory()
        let written = try await Self.write(in: directory.path)
        try Self.alter(written.path) { db in
            let four = try #require(try Data.fetchOne(db, sql: "SELECT data FROM entry_tail WHERE idx = 4"))
            let five = try #require(try Data.fetchOne(db, sql: "SELECT data FROM entry_tail WHERE idx = 5"))
            try db.execute(sql: "UPDATE entry_tail SET data = ? WHERE idx = 4", arguments: [five])
            try db.execute(sql: "UPDATE entry_tail SET data = ? WHERE idx = 5", arguments: [four])
        }
        try await Self.expectRefused(written, saying: "entry 4 does not match the log's tree")
    }

    @Test("entries cut from the end of the log refuse the start: the tree covers more than the log holds")
    func truncatedLog() async throws {
        let directory = try TemporaryDirectory()
        let written = try await Self.write(in: directory.path)
        try Self.alter(written.path) { db in try db.execute(sql: "DELETE FROM entry_tail WHERE idx >= ?", arguments: [written.size - 2]) }
        try await Self.expectRefused(written, saying: "the log holds \(written.size - 2) entries but its tree covers \(written.size)")
    }
}
