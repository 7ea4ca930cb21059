import Foundation
import GRDB
import RoundtableDomain
import RoundtableStorageSQLite
import Testing

@Suite("SQLite exchange owners")
struct SQLiteExchangeOwnerTests {
    /// Inserts a version row as the exchange's tables held it before the owners came from the versions.
    private static func insertVersion(_ db: Database, number: Int, added: Int64, by submitter: String, collection: String = "a") throws {
        try db.execute(
            sql: """
                INSERT INTO exchange_object (date_added, collection, object_id, version, version_us, type, spec_version, tlp,
                    recipients, submitter, json, log_index, is_first, is_last)
                VALUES (?, ?, ?, 'v', ?, 'indicator', '2.1', 0, '', ?, x'7b7d', 1, 1, 1)
                """, arguments: [added, collection, "indicator--\(number)", added, submitter])
    }

    @Test("a database with owner rows keeps only those its versions can no longer tell, and every owner stays the same")
    func migratesOwners() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let older = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(older, upTo: "v8-exchange-owner")
        try await older.write { db in
            // 1: added by fr, then versioned by ee before owners were enforced; 2: ee's; 3: de's, every version deleted;
            // 4: fr's, whose first version was deleted while ee's later one stayed.
            try Self.insertVersion(db, number: 1, added: 1, by: "fr")
            try Self.insertVersion(db, number: 1, added: 2, by: "ee", collection: "b")
            try Self.insertVersion(db, number: 2, added: 3, by: "ee")
            try Self.insertVersion(db, number: 4, added: 5, by: "ee")
            for (number, member) in [(1, "fr"), (2, "ee"), (3, "de"), (4, "fr")] {
                try db.execute(
                    sql: "INSERT INTO exchange_owner (object_id, member) VALUES (?, ?)", arguments: ["indicator--\(number)", member])
            }
        }
        try older.close()

        let store = try SQLiteForumStore(path: path)
        let owners = try await store.owners(of: Set((1...5).map { "indicator--\($0)" }))
        #expect(
            owners == [
                "indicator--1": try MemberID("fr"), "indicator--2": try MemberID("ee"), "indicator--3": try MemberID("de"),
                "indicator--4": try MemberID("fr"),
            ])
        let kept = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT object_id FROM exchange_owner ORDER BY object_id")
        }
        #expect(kept == ["indicator--3", "indicator--4"], "the rows the first versions repeat are gone")
    }

    @Test("owners are found through the unique index by object id; only a deletion writes an owner row")
    func ownersUseTheIndex() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        let store = try SQLiteForumStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let plan = try await queue.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT object_id, submitter, MIN(date_added) FROM exchange_object WHERE object_id IN (?, ?)",
                arguments: ["indicator--1", "indicator--2"]
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("USING INDEX sqlite_autoindex_exchange_object_1 (object_id=?)"), "\(plan)")

        let version = ExchangeObjectRecord(
            collection: "a", objectID: "indicator--1", version: "v", versionMicros: 1, dateAdded: 1, type: "indicator", specVersion: "2.1",
            tlp: 0, recipients: [], submitter: try MemberID("fr"), json: Array("{}".utf8), salt: nil, logIndex: 0)
        func append(_ change: ForumChange) async throws {
            try await store.append([ActRecord(entry: Array("changes\n".utf8), changes: [change])], at: try await store.entryCount())
        }
        func ownerRows() throws -> [Row] { try queue.read { try Row.fetchAll($0, sql: "SELECT * FROM exchange_owner") } }
        try await append(.objectsAdded([version]))
        #expect(try ownerRows().isEmpty)
        #expect(try await store.owners(of: ["indicator--1"]) == ["indicator--1": try MemberID("fr")])
        try await append(.objectsDeleted([ExchangeObjectKey(collection: "a", objectID: "indicator--1", versionMicros: 1)]))
        #expect(try ownerRows().map { "\($0["object_id"] as String) \($0["member"] as String)" } == ["indicator--1 fr"])
        #expect(try await store.owners(of: ["indicator--1"]) == ["indicator--1": try MemberID("fr")])
    }
}
