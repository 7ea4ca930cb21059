import Foundation
import GRDB
import RoundtableStorageSQLite
public import TransparencyLog

/// A witness's store: one SQLite file in WAL mode, written with `synchronous = FULL`, so that a checkpoint is on
/// stable storage before the witness answers with its cosignature.
///
/// It holds the logs the witness cosigns for (`log`, `log_key`: configuration, changed by `roundtable witness add-log`)
/// and, per log, the latest cosigned checkpoint (`cosigned`), which one `UPDATE … WHERE size = ? AND root = ?` replaces;
/// for an audited log, its replay (`replay`, `replay_entry`, see `SQLiteWitnessStore+Replay.swift`), written in the
/// same transaction, and the refusals kept as evidence (`refusal`).
public struct SQLiteWitnessStore: WitnessStore {
    let pool: DatabasePool

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
        let (rows, urls) = try await pool.read { db in
            let keys = try Row.fetchAll(db, sql: "SELECT origin, vkey FROM log_key ORDER BY origin, vkey").map { row -> (String, String) in
                (row["origin"], row["vkey"])
            }
            let urls = try Row.fetchAll(db, sql: "SELECT origin, audit_url FROM log WHERE audit_url IS NOT NULL").map { row -> (String, String) in
                (row["origin"], row["audit_url"])
            }
            return (keys, Dictionary(urls, uniquingKeysWith: { first, _ in first }))
        }
        var keys: [String: [NoteVerifier]] = [:]
        for (origin, text) in rows {
            do { keys[origin, default: []].append(try NoteVerifier(parsing: text)) } catch {
                throw SQLiteStoreError.corruptRow("the key \(text) of log \(origin): \(error.message)")
            }
        }
        return keys.sorted { $0.key < $1.key }.map { WitnessedLog(origin: $0.key, keys: $0.value, auditURL: urls[$0.key]) }
    }

    /// Adds a log, or another key to a log already configured, and sets where to fetch it if it is to be audited.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - key: A key trusted to sign its checkpoints.
    ///   - auditURL: For a forum's log to audit, its URL prefix; `nil` leaves the log as it was.
    /// - Returns: Whether the key was new for that origin.
    public func addLog(origin: String, key: NoteVerifier, auditURL: String? = nil) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO log (origin) VALUES (?) ON CONFLICT DO NOTHING", arguments: [origin])
            if let auditURL { try db.execute(sql: "UPDATE log SET audit_url = ? WHERE origin = ?", arguments: [auditURL, origin]) }
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

    public func replace(_ expected: CosignedCheckpoint?, with new: CosignedCheckpoint, replay: ReplayUpdate?) async throws -> Bool {
        let checkpoint = new.checkpoint
        return try await pool.write { db in
            if let replay, try Self.replayedSize(db, origin: replay.origin) != replay.previousSize { return false }
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
            guard db.changesCount == 1 else { return false }
            if let replay { try Self.write(replay, db) }
            return true
        }
    }

    /// A tree size as SQLite's signed 64-bit integer, bit for bit: sizes above 2^63 − 1 are stored, not refused.
    static func column(_ size: UInt64) -> Int64 { Int64(bitPattern: size) }
}
