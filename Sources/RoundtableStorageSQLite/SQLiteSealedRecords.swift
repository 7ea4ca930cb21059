import Foundation
import GRDB
import RoundtableDomain
import TransparencyLog

/// The facts the node keeps beside the log (``CommunicationRecord``) in the `sealed_record` table, a column for each
/// part (``CommunicationRecord/Columns``).
enum SQLiteSealedRecords {
    /// Writes one record, in the transaction of its act.
    static func insert(_ record: CommunicationRecord, into db: Database) throws {
        let row = CommunicationRecord.Columns(record)
        try db.cachedStatement(sql: "INSERT INTO sealed_record (kind, act_index, document, detail, request) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [row.kind, Int64(row.actIndex), row.document.map { Data($0) }, row.detail, row.request.map { Int64($0) }])
    }

    /// Every record from an act on, in the order they were written; sealed records without their documents unless
    /// `withDocuments`.
    static func all(in db: Database, fromAct index: UInt64 = 0, withDocuments: Bool = true) throws -> [CommunicationRecord] {
        let document = withDocuments ? "document" : "NULL"
        return try Row.fetchAll(
            db, sql: "SELECT kind, act_index, \(document), detail, request FROM sealed_record WHERE act_index >= ? ORDER BY id",
            arguments: [Int64(clamping: index)]
        ).map { row in
            let columns = CommunicationRecord.Columns(
                kind: row[0], actIndex: UInt64(row[1] as Int64), document: (row[2] as Data?).map(Array.init), detail: row[3],
                request: (row[4] as Int64?).map(UInt64.init))
            do { return try columns.record(withDocument: withDocuments) } catch { throw SQLiteStoreError.corruptRow("\(error)") }
        }
    }

    /// The sealed document an act committed to, if any.
    static func document(committedAt index: UInt64, in db: Database) throws -> [UInt8]? {
        try Data.fetchOne(
            db, sql: "SELECT document FROM sealed_record WHERE kind = 'sealed' AND act_index = ?", arguments: [Int64(clamping: index)]
        ).map(Array.init)
    }

    /// Moves the records of the first communication schema (`communication_record`, JSON) into `sealed_record`.
    ///
    /// That schema had one delivery per `deliver` act, which this version's log no longer reads: a database holding a
    /// delivery is refused rather than half converted.
    static func moveFirstSchemaRecords(in db: Database) throws {
        let decoder = JSONDecoder()
        for json in try Data.fetchAll(db, sql: "SELECT record FROM communication_record ORDER BY id") {
            switch try decoder.decode(FirstSchemaRecord.self, from: json) {
            case .sealed(let index, let document, let recipients):
                try insert(.sealed(index: index, document: document, recipients: recipients), into: db)
            case .nonces(let check, let nonces): try insert(.nonces(check: check, nonces: nonces), into: db)
            case .delivered(let delivery, _):
                throw SQLiteStoreError.corruptRow(
                    "communication_record: delivery \(delivery) in the format of one delivery per act, which this version does not replay; "
                        + "start this forum in a new data directory")
            }
        }
    }

    /// A record as the first communication schema wrote it.
    private enum FirstSchemaRecord: Decodable {
        case sealed(index: UInt64, document: [UInt8], recipients: [MemberID]?)
        case nonces(check: UInt64, nonces: [String: [UInt8]])
        case delivered(delivery: UInt64, request: UInt64)
    }
}
