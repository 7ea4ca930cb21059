import Foundation
import GRDB
import RoundtableDomain
import RoundtableStorageSQLite
import Testing

@Suite("SQLite sealed records")
struct SQLiteSealedRecordTests {
    /// A database at `path` at the first communication schema, holding `records` as that schema wrote them (JSON).
    private static func firstSchemaDatabase(at path: String, _ records: [String]) throws {
        let older = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(older, upTo: "v11-communication")
        try older.write { db in
            for record in records { try db.execute(sql: "INSERT INTO communication_record (record) VALUES (?)", arguments: [Data(record.utf8)]) }
        }
        try older.close()
    }

    @Test("documents and nonces written as JSON by the first communication schema read back the same from their columns")
    func movesFirstSchemaRecords() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        try Self.firstSchemaDatabase(at: path, [
            #"{"sealed":{"index":4,"document":[123,125],"recipients":["fr","ke"]}}"#,
            #"{"nonces":{"check":5,"nonces":{"tech":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16],"dip":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,255]}}}"#,
            #"{"sealed":{"index":6,"document":[32]}}"#,
        ])
        let store = try SQLiteForumStore(path: path)
        let records = try await store.communicationRecords(withDocuments: true)
        #expect(
            records == [
                .sealed(index: 4, document: Array("{}".utf8), recipients: [try MemberID("fr"), try MemberID("ke")]),
                .nonces(check: 5, nonces: ["tech": Array(1...16), "dip": [UInt8](repeating: 0, count: 15) + [255]]),
                .sealed(index: 6, document: [32], recipients: nil),
            ])
    }

    @Test("a delivery of the first schema, one per act, is refused with what to do rather than half converted")
    func refusesFirstSchemaDeliveries() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/forum.sqlite"
        try Self.firstSchemaDatabase(at: path, [#"{"delivered":{"delivery":7,"request":4}}"#])
        #expect {
            _ = try SQLiteForumStore(path: path)
        } throws: { error in
            "\(error)".contains("delivery 7") && "\(error)".contains("new data directory")
        }
        let untouched = try DatabaseQueue(path: path)
        #expect(try untouched.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM communication_record") } == 1)
    }
}
