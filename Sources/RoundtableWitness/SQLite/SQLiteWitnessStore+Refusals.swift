import Foundation
import GRDB
import RoundtableStorageSQLite
import TransparencyLog

/// The checkpoints an auditing witness refused because an entry did not follow, kept as evidence: one `refusal` row per
/// (origin, size, root), with the log's signed checkpoint and the entry.
extension SQLiteWitnessStore {
    public func storeRefusal(_ refusal: AuditRefusal) async throws {
        let checkpoint = refusal.checkpoint
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO refusal (origin, size, root, note, entry_index, entry, reason, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    checkpoint.origin, Self.column(checkpoint.size), Data(checkpoint.root.bytes), Data(refusal.note), Self.column(refusal.index),
                    Data(refusal.entry), refusal.reason, Self.column(refusal.time),
                ])
        }
    }

    /// The refusals kept, oldest first.
    public func refusals() async throws -> [AuditRefusal] {
        try await pool.read { db in
            let sql = "SELECT note, entry_index, entry, reason, refused_at FROM refusal ORDER BY refused_at, origin, size"
            return try Row.fetchAll(db, sql: sql).map { row in
                let note: Data = row["note"]
                let checkpoint: Checkpoint
                do { checkpoint = try Checkpoint(parsing: try SignedNote(parsing: Array(note)).text) } catch {
                    throw SQLiteStoreError.corruptRow("a refused checkpoint: \(error)")
                }
                return AuditRefusal(
                    checkpoint: checkpoint, note: Array(note), index: UInt64(bitPattern: row["entry_index"]), entry: Array(row["entry"] as Data),
                    reason: row["reason"], time: UInt64(bitPattern: row["refused_at"]))
            }
        }
    }
}
