import Foundation
import GRDB
import RoundtableDomain
import RoundtableNode
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

/// A fresh directory under the system's temporary directory, removed when the test ends.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "roundtable-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("SQLite forum store")
struct SQLiteForumStoreTests {
    @Test("the SQLite store meets the forum store contract", arguments: ForumStoreContract.checks)
    func contract(_ check: ForumStoreContract.Check) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path
        try await check.run(on: .persistent { name in try SQLiteForumStore(path: "\(path)/\(name).sqlite") })
        #expect(FileManager.default.fileExists(atPath: directory.path))
    }

    @Test("a reopened database holds every entry and the same state, and runs no migration twice")
    func reopen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let forum = try TestForum()
        let node = try await forum.open(on: try SQLiteForumStore(path: path))
        var receipts: [UInt64: [UInt8]] = [:]
        for sequence in 1...20 {
            let entry = try forum.credentialAct(by: "ee", seq: UInt64(sequence), [.addToken(try TestForum.token("t\(sequence)", sequence))])
            receipts[try await node.submit(entry).index] = entry
        }
        let reopened = try SQLiteForumStore(path: path)
        #expect(
            try reopened.appliedMigrations() == [
                "v1-forum", "v2-log", "v3-entry-bundles", "v4-documents", "v5-exchange", "v6-entry-tail", "v7-public-pages", "v8-exchange-owner",
                "v9-owner-from-versions", "v10-cosigned-checkpoints", "v11-communication", "v12-sealed-records", "v13-sealed-documents-by-act",
            ]
        )
        #expect(try await reopened.entryCount() == 21)
        for (index, entry) in receipts { #expect(try await reopened.entry(at: index) == entry) }
        #expect(try await reopened.loadState() == node.state)
    }

    @Test("a database from before the log migrations gains the log tables, moves its entries into bundles, and integrates them")
    func migratesExistingDatabase() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let forum = try TestForum()
        let (state, changes) = try ForumState.genesis(try forum.genesis)
        let genesis = try forum.genesis.signed(by: [forum.node]).bytes
        let older = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(older, upTo: "v1-forum")
        try await older.write { db in
            try db.execute(sql: "INSERT INTO entry (idx, data) VALUES (0, ?)", arguments: [Data(genesis)])
            try SQLiteChangeWriter.write(changes, to: db)
        }
        try older.close()

        let store = try SQLiteForumStore(path: path)
        #expect(
            try store.appliedMigrations() == [
                "v1-forum", "v2-log", "v3-entry-bundles", "v4-documents", "v5-exchange", "v6-entry-tail", "v7-public-pages", "v8-exchange-owner",
                "v9-owner-from-versions", "v10-cosigned-checkpoints", "v11-communication", "v12-sealed-records", "v13-sealed-documents-by-act",
            ]
        )
        #expect(try await store.loadState() == state)
        #expect(try await store.entry(at: 0) == genesis)
        #expect(try await store.integratedTree() == IntegratedTree(size: 0, root: .emptyTree))
        let tree = try await LogIntegrator(storage: store).integrate()
        #expect(tree == IntegratedTree(size: 1, root: MerkleHasher.leafHash(genesis)))
    }

    @Test("a database from before the public pages gains exchange counts made from the objects it holds")
    func migratesExchangeCounts() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let older = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(older, upTo: "v6-entry-tail")
        try await older.write { db in
            // Three objects in collection a on day 20,000 (two CLEAR, one RED) and one on the next day.
            for (number, day, tlp) in [(1, 20_000, 0), (2, 20_000, 0), (3, 20_000, 4), (4, 20_001, 0)] as [(Int64, Int64, Int)] {
                try db.execute(
                    sql: """
                        INSERT INTO exchange_object (date_added, collection, object_id, version, version_us, type, spec_version, tlp,
                            recipients, submitter, json, log_index, is_first, is_last)
                        VALUES (?, 'a', ?, 'v', 1, 'indicator', '2.1', ?, '', 'ee', x'7b7d', 1, 1, 1)
                        """, arguments: [day * 86_400_000_000 + number, "indicator--\(number)", tlp])
            }
            try db.execute(sql: "INSERT INTO log_checkpoint (size, note) VALUES (0, x'0a')")
        }
        try older.close()

        let store = try SQLiteForumStore(path: path)
        let counts = try await store.exchangeCounts().map { "\($0.key.collection) \($0.key.day) \($0.key.tlp) \($0.count)" }
        #expect(counts == ["a 20000 0 2", "a 20000 4 1", "a 20001 0 1"])
        #expect(try await store.latestCheckpointTime() == nil)
    }

    @Test("the connection that writes runs in WAL mode with synchronous FULL, also on a database reopened")
    func durabilitySettings() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let forum = try TestForum()
        for _ in 0..<2 {
            let store = try SQLiteForumStore(path: path)
            _ = try await forum.open(on: store)
            #expect(try store.writerPragma("journal_mode") == "wal")
            #expect(try store.writerPragma("synchronous") == "2")
            #expect(try store.writerPragma("page_size") == "16384")
        }
    }

    @Test("a database written by a newer version is refused, not downgraded")
    func newerSchema() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        _ = try SQLiteForumStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        #expect(throws: SQLiteStoreError.newerSchema) { try SQLiteForumStore(path: path) }
    }

    @Test("a file that is not a SQLite database is refused with a clear error")
    func corruptFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteForumStore(path: path)
            Issue.record("a corrupt file was opened")
        } catch let error as SQLiteStoreError {
            guard case .unreadable(let reported, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reported == path)
            #expect(error.description.contains("restore it from a backup"))
        }
    }

    @Test("a batch whose changes violate the schema is rolled back whole")
    func atomicBatch() async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteForumStore(path: directory.path + "/forum.sqlite")
        let forum = try TestForum()
        _ = try await forum.open(on: store)
        let before = try await store.loadState()
        let ee = try MemberID("ee")
        let duplicate = forum.keys["fr"]!.verifier
        let batch = [
            ActRecord(entry: Array("ok\n".utf8), changes: [.sequenceAdvanced(.member(ee), to: 1)]),
            ActRecord(entry: Array("bad\n".utf8), changes: [.keyAdded(ee, duplicate)]),
        ]
        await #expect(throws: (any Error).self) { try await store.append(batch, at: 1) }
        #expect(try await store.entryCount() == 1)
        #expect(try await store.loadState() == before)
    }

    @Test(
        "appends of any size keep every entry and bundle in order across bundle boundaries",
        arguments: [
            // Filling a partial bundle exactly, overshooting it, whole bundles at once, and bundles an append fills
            // from its own entries after completing a partial one.
            [1, 254, 1, 256, 257, 3, 600, 255, 1, 512],
            [300, 212, 1, 1, 1, 767, 256],
        ]
    )
    func bundleBoundaries(batches: [Int]) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        var expected: [[UInt8]] = []
        do {
            let store = try SQLiteForumStore(path: path)
            for size in batches {
                let entries = (expected.count..<(expected.count + size)).map {
                    Array("entry \($0) ".utf8) + Array(repeating: UInt8($0 % 251), count: $0 % 13)
                }
                try await store.append(entries.map { ActRecord(entry: $0, changes: []) }, at: UInt64(expected.count))
                expected += entries
                #expect(try await store.sequencedSize() == UInt64(expected.count))
                #expect(try await store.entries(from: 0, limit: expected.count + 10) == expected)
            }
        }
        let store = try SQLiteForumStore(path: path)
        #expect(try await store.entries(from: 0, limit: expected.count) == expected)
        #expect(try await store.entries(from: 250, limit: 20) == Array(expected[250..<270]))
        let width = TileID.fullWidth
        for bundle in 0..<(expected.count / width) {
            let entries = Array(expected[(bundle * width)..<((bundle + 1) * width)])
            #expect(try await store.entryBundle(UInt64(bundle), width: width) == EntryBundle(entries: entries).bytes)
            #expect(try await store.entryBundle(UInt64(bundle), width: 7) == EntryBundle(entries: Array(entries.prefix(7))).bytes)
        }
        let last = UInt64(expected.count / width)
        let waiting = expected.count % width
        #expect(
            try await store.entryBundle(last, width: waiting) == (waiting == 0 ? nil : EntryBundle(entries: Array(expected.suffix(waiting))).bytes)
        )
        #expect(try await store.entryBundle(last, width: waiting + 1) == nil)
    }
}
