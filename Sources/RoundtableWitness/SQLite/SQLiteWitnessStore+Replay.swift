import Foundation
import GRDB
import RoundtableStorageSQLite
import TransparencyLog

/// An audited log's replay: one `replay` row (the size replayed, its tree's compact range, and the snapshot with the
/// number of entries it results from) and, in `replay_entry`, the entries replayed after the snapshot. A snapshot
/// replaces the entries kept before it.
extension SQLiteWitnessStore {
    public func replay(origin: String) async throws -> StoredReplay? {
        try await pool.read { db in
            let sql = "SELECT size, range, snapshot_index, snapshot FROM replay WHERE origin = ?"
            guard let row = try Row.fetchOne(db, sql: sql, arguments: [origin]) else { return nil }
            let snapshotIndex: Int64 = row["snapshot_index"]
            let entries = try Data.fetchAll(
                db, sql: "SELECT entry FROM replay_entry WHERE origin = ? AND idx >= ? ORDER BY idx", arguments: [origin, snapshotIndex])
            let range: Data = row["range"]
            guard range.count % TreeHash.byteCount == 0 else { throw SQLiteStoreError.corruptRow("the replayed tree of \(origin)") }
            return StoredReplay(
                size: UInt64(bitPattern: row["size"]),
                range: stride(from: 0, to: range.count, by: TreeHash.byteCount).map { TreeHash(range[$0..<($0 + TreeHash.byteCount)]) },
                snapshotIndex: UInt64(bitPattern: snapshotIndex), snapshot: (row["snapshot"] as Data?).map { Array($0) },
                entries: entries.map { Array($0) })
        }
    }

    /// The size replayed of a log, 0 before the first entry.
    /// The size up to which a log's entries were replayed, 0 before the first replay, without reading the replay.
    public func replayedSize(origin: String) async throws -> UInt64 {
        try await pool.read { db in try Self.replayedSize(db, origin: origin) }
    }

    static func replayedSize(_ db: Database, origin: String) throws -> UInt64 {
        UInt64(bitPattern: try Int64.fetchOne(db, sql: "SELECT size FROM replay WHERE origin = ?", arguments: [origin]) ?? 0)
    }

    /// Writes a replay update; the caller checked that the stored replay is at its previous size.
    static func write(_ update: ReplayUpdate, _ db: Database) throws {
        let range = Data(update.range.flatMap(\.bytes))
        switch update.record {
        case .entries(let entries):
            precondition(UInt64(entries.count) == update.size - update.previousSize, "a replay update keeps every entry it replayed")
            try db.execute(
                sql: """
                    INSERT INTO replay (origin, size, range, snapshot_index, snapshot) VALUES (?, ?, ?, 0, NULL)
                    ON CONFLICT (origin) DO UPDATE SET size = excluded.size, range = excluded.range
                    """,
                arguments: [update.origin, column(update.size), range])
            let insert = try db.cachedStatement(sql: "INSERT INTO replay_entry (origin, idx, entry) VALUES (?, ?, ?)")
            for (offset, entry) in entries.enumerated() {
                try insert.execute(arguments: [update.origin, column(update.previousSize + UInt64(offset)), Data(entry)])
            }
        case .snapshot(let snapshot):
            try db.execute(
                sql: """
                    INSERT INTO replay (origin, size, range, snapshot_index, snapshot) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (origin) DO UPDATE SET
                        size = excluded.size, range = excluded.range, snapshot_index = excluded.snapshot_index, snapshot = excluded.snapshot
                    """,
                arguments: [update.origin, column(update.size), range, column(update.size), Data(snapshot)])
            try db.execute(sql: "DELETE FROM replay_entry WHERE origin = ?", arguments: [update.origin])
        }
    }
}
