import Foundation
import GRDB
import RoundtableDomain
import TransparencyLog

/// The facts the node keeps beside the log (``CommunicationRecord``) in the `sealed_record` table, a column for each
/// part: a sealed document as a blob, a check's nonces as `contact:hex` pairs, a delivery's recipient and request.
enum SQLiteSealedRecords {
    /// Writes one record, in the transaction of its act.
    static func insert(_ record: CommunicationRecord, into db: Database) throws {
        let sql = "INSERT INTO sealed_record (kind, act_index, document, detail, request) VALUES (?, ?, ?, ?, ?)"
        let arguments: StatementArguments
        switch record {
        case .sealed(let index, let document, let recipients):
            arguments = ["sealed", Int64(index), Data(document), recipients.map { $0.map(\.rawValue).joined(separator: ",") }, nil]
        case .nonces(let check, let nonces):
            let pairs = nonces.keys.sorted().map { "\($0):\(Hex.encode(nonces[$0]!))" }.joined(separator: ",")
            arguments = ["nonces", Int64(check), nil, pairs, nil]
        case .delivered(let delivery, let request):
            arguments = ["delivered", Int64(delivery.index), nil, delivery.recipient.rawValue, Int64(request)]
        }
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Every record, in the order they were written.
    static func all(in db: Database) throws -> [CommunicationRecord] {
        try Row.fetchAll(db, sql: "SELECT kind, act_index, document, detail, request FROM sealed_record ORDER BY id").map(record)
    }

    private static func record(_ row: Row) throws -> CommunicationRecord {
        let kind: String = row["kind"]
        let index = UInt64(row["act_index"] as Int64)
        let detail: String? = row["detail"]
        switch kind {
        case "sealed":
            let document: Data = row["document"]
            let recipients = try detail.map { try $0.split(separator: ",").map { try MemberID($0) } }
            return .sealed(index: index, document: Array(document), recipients: recipients)
        case "nonces":
            var nonces: [String: [UInt8]] = [:]
            for pair in (detail ?? "").split(separator: ",") {
                let parts = pair.split(separator: ":")
                guard parts.count == 2, let nonce = Hex.decode(parts[1]) else { throw unreadable("the nonces of check \(index)") }
                nonces[String(parts[0])] = nonce
            }
            return .nonces(check: index, nonces: nonces)
        case "delivered":
            guard let detail, let request = row["request"] as Int64? else { throw unreadable("the request of delivery \(index)") }
            return .delivered(delivery: DeliveryID(index: index, recipient: try MemberID(detail)), request: UInt64(request))
        default:
            throw unreadable("a record of kind '\(kind)'")
        }
    }

    private static func unreadable(_ what: String) -> SQLiteStoreError { .corruptRow("sealed_record: \(what)") }

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
