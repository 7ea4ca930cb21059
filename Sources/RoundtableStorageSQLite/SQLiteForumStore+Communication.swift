import Foundation
import GRDB
public import RoundtableDomain

extension SQLiteForumStore {
    public func communicationRecords() async throws -> [CommunicationRecord] {
        try await pool.read { db in try SQLiteSealedRecords.all(in: db) }
    }

    public func recordDeliveryAttempt(_ attempt: DeliveryAttempt) async throws {
        let json = try JSONEncoder().encode(attempt)
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO delivery_attempt (act_index, attempt) VALUES (?, ?)", arguments: [Int64(attempt.act), json])
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
