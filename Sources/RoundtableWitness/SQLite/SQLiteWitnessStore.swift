import Foundation
import GRDB
import RoundtableStorageSQLite
public import TransparencyLog

/// A witness's store: one SQLite file in WAL mode, written with `synchronous = FULL`, so that a checkpoint is on
/// stable storage before the witness answers with its cosignature.
///
/// It holds the logs the witness cosigns for (`log`, `log_key`: configuration, changed by `roundtable witness add-log`)
/// and, per log, the latest cosigned checkpoint (`cosigned`), which one `UPDATE … WHERE size = ? AND root = ?` replaces.
public struct SQLiteWitnessStore: WitnessStore {
    private let pool: DatabasePool

    /// Opens (creating if needed) a witness database and brings its schema up to date.
    /// - Parameter path: The database file's path.
    /// - Throws: ``SQLiteStoreError`` when the file is not a witness database or was written by a newer version.
    public init(path: String) throws {
        do {
            pool = try DurablePool.open(path: path)
            let migrator = SQLiteWitnessMigrations.migrator
            if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) { throw SQLiteStoreError.newerSchema }
            try migrator.migrate(pool)
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw SQLiteStoreError.unreadable(path: path, reason: "\(error)")
        }
    }

    public func logs() async throws -> [WitnessedLog] {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT origin, vkey FROM log_key ORDER BY origin, vkey").map { row -> (String, String) in
                (row["origin"], row["vkey"])
            }
        }
        var keys: [String: [NoteVerifier]] = [:]
        for (origin, text) in rows {
            do { keys[origin, default: []].append(try NoteVerifier(parsing: text)) } catch {
                throw SQLiteStoreError.corruptRow("the key \(text) of log \(origin): \(error.message)")
            }
        }
        return keys.sorted { $0.key < $1.key }.map { WitnessedLog(origin: $0.key, keys: $0.value) }
    }

    /// Adds a log, or another key to a log already configured.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - key: A key trusted to sign its checkpoints.
    /// - Returns: Whether the key was new for that origin.
    public func addLog(origin: String, key: NoteVerifier) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO log (origin) VALUES (?) ON CONFLICT DO NOTHING", arguments: [origin])
            try db.execute(
                sql: "INSERT INTO log_key (origin, vkey) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [origin, key.description])
            return db.changesCount == 1
        }
    }

    public func latest(origin: String) async throws -> CosignedCheckpoint? {
        let note = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT note FROM cosigned WHERE origin = ?", arguments: [origin])
        }
        guard let note else { return nil }
        do {
            let signed = try SignedNote(parsing: Array(note))
            return CosignedCheckpoint(checkpoint: try Checkpoint(parsing: signed.text), note: Array(note))
        } catch {
            throw SQLiteStoreError.corruptRow("the latest cosigned checkpoint of \(origin): \(error)")
        }
    }

    public func replace(_ expected: CosignedCheckpoint?, with new: CosignedCheckpoint) async throws -> Bool {
        let checkpoint = new.checkpoint
        return try await pool.write { db in
            if let old = expected?.checkpoint {
                try db.execute(
                    sql: "UPDATE cosigned SET size = ?, root = ?, note = ? WHERE origin = ? AND size = ? AND root = ?",
                    arguments: [
                        Self.column(checkpoint.size), Data(checkpoint.root.bytes), Data(new.note), checkpoint.origin,
                        Self.column(old.size), Data(old.root.bytes),
                    ])
            } else {
                try db.execute(
                    sql: "INSERT INTO cosigned (origin, size, root, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [checkpoint.origin, Self.column(checkpoint.size), Data(checkpoint.root.bytes), Data(new.note)])
            }
            return db.changesCount == 1
        }
    }

    /// A tree size as SQLite's signed 64-bit integer, bit for bit: sizes above 2^63 − 1 are stored, not refused.
    private static func column(_ size: UInt64) -> Int64 { Int64(bitPattern: size) }
}
