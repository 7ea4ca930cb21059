import Foundation
import GRDB
public import RoundtableDomain

extension SQLiteForumStore {
    public func communicationRecords(withDocuments documents: Bool) async throws -> [CommunicationRecord] {
        try await pool.read { db in try SQLiteSealedRecords.all(in: db, withDocuments: documents) }
    }

    public func communicationRecords(fromAct index: UInt64) async throws -> [CommunicationRecord] {
        try await pool.read { db in try SQLiteSealedRecords.all(in: db, fromAct: index) }
    }

    public func sealedDocument(committedAt index: UInt64) async throws -> [UInt8]? {
        try await pool.read { db in try SQLiteSealedRecords.document(committedAt: index, in: db) }
    }

    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) async throws {
        guard !attempts.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows = try attempts.map { (Int64($0.act), try encoder.encode($0)) }
        try await pool.write { db in
            for (act, json) in rows {
                try db.cachedStatement(sql: "INSERT INTO delivery_attempt (act_index, attempt) VALUES (?, ?)").execute(arguments: [act, json])
            }
        }
    }

    public func deliveryAttempts(forAct index: UInt64) async throws -> [DeliveryAttempt] {
        try await pool.read { db in
            let decoder = JSONDecoder()
            return try Data.fetchAll(db, sql: "SELECT attempt FROM delivery_attempt WHERE act_index = ? ORDER BY id", arguments: [Int64(index)])
                .map { try decoder.decode(DeliveryAttempt.self, from: $0) }
        }
    }
}
