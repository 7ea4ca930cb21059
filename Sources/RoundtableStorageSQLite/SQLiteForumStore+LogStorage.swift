import Foundation
import GRDB
public import RoundtableDomain
public import TransparencyLog

extension SQLiteForumStore {
    public func entries(from start: UInt64, limit: Int) async throws -> [[UInt8]] {
        try await pool.read { db in try SQLiteEntryBundles.entries(from: start, limit: limit, in: db) }
    }

    public func integratedTree() async throws -> IntegratedTree {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT size, root FROM log_tree WHERE id = 1") else {
                throw SQLiteStoreError.corruptRow("log_tree")
            }
            let root = row["root"] as Data
            guard root.count == TreeHash.byteCount else { throw SQLiteStoreError.corruptRow("log_tree root") }
            return IntegratedTree(size: UInt64(row["size"] as Int64), root: TreeHash(root))
        }
    }

    public func tiles(_ keys: [TileKey]) async throws -> [TileKey: [TreeHash]] {
        try await pool.read { db in
            var tiles: [TileKey: [TreeHash]] = [:]
            let statement = try db.cachedStatement(sql: "SELECT data FROM log_tile WHERE level = ? AND idx = ?")
            for key in keys {
                guard let data = try Data.fetchOne(statement, arguments: [key.level, Int64(key.index)]) else { continue }
                guard let tile = HashTile(bytes: data) else { throw SQLiteStoreError.corruptRow("tile \(key)") }
                tiles[key] = tile.hashes
            }
            return tiles
        }
    }

    public func storeIntegration(_ integration: TileBuilder.Integration, previousSize: UInt64) async throws {
        try await pool.writeToDisk { db in
            let current = try Int64.fetchOne(db, sql: "SELECT size FROM log_tree WHERE id = 1")
            guard current == Int64(previousSize) else {
                throw SQLiteStoreError.corruptRow("log_tree moved from \(previousSize) to \(current ?? -1) during integration")
            }
            let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO log_tile (level, idx, data) VALUES (?, ?, ?)")
            for (key, hashes) in integration.tiles {
                try upsert.execute(arguments: [key.level, Int64(key.index), Data(HashTile(hashes: hashes).bytes)])
            }
            try db.execute(
                sql: "UPDATE log_tree SET size = ?, root = ? WHERE id = 1",
                arguments: [Int64(integration.size), Data(integration.root.bytes)]
            )
        }
    }

    public func latestCheckpoint() async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT note FROM log_checkpoint ORDER BY size DESC LIMIT 1").map { Array($0) }
        }
    }

    public func storeCheckpoint(_ note: [UInt8], size: UInt64) async throws {
        try await pool.writeToDisk { db in
            try db.execute(
                sql: "INSERT INTO log_checkpoint (size, note, published_at) VALUES (?, ?, ?)",
                arguments: [Int64(size), Data(note), Int64(Date().timeIntervalSince1970)])
        }
    }

    public func latestCheckpointTime() async throws -> Timestamp? {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT published_at FROM log_checkpoint ORDER BY size DESC LIMIT 1").map(Timestamp.init(seconds:))
        }
    }

    public func loggingTimes(of indexes: [UInt64]) async throws -> [UInt64: LoggingTime] {
        try await pool.read { db in
            let signed = FirstIncluding(
                try db.cachedStatement(sql: "SELECT size, published_at FROM log_checkpoint WHERE size > ? ORDER BY size LIMIT 1"))
            let witnessed = FirstIncluding(
                try db.cachedStatement(sql: "SELECT size, witnessed_at FROM log_cosigned WHERE size > ? ORDER BY size LIMIT 1"))
            var times: [UInt64: LoggingTime] = [:]
            for index in indexes.sorted() {
                let time = LoggingTime(signed: try signed.time(including: index), witnessed: try witnessed.time(including: index))
                if time.signed != nil || time.witnessed != nil { times[index] = time }
            }
            return times
        }
    }

    public func storeCosignedCheckpoint(_ checkpoint: WitnessedCheckpoint) async throws {
        try await pool.writeToDisk { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO log_cosigned (size, note, cosigners, witnessed_at) VALUES (?, ?, ?, ?)",
                arguments: [Int64(checkpoint.size), Data(checkpoint.note), checkpoint.cosigners.joined(separator: " "), checkpoint.witnessedAt])
        }
    }

    public func latestCosignedCheckpoint() async throws -> WitnessedCheckpoint? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT size, note, cosigners, witnessed_at FROM log_cosigned ORDER BY size DESC LIMIT 1")
                .map(Self.cosigned)
        }
    }

    public func firstCosignedCheckpoint(including index: UInt64) async throws -> WitnessedCheckpoint? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT size, note, cosigners, witnessed_at FROM log_cosigned WHERE size > ? ORDER BY size LIMIT 1",
                arguments: [Int64(clamping: index)]
            ).map(Self.cosigned)
        }
    }

    public func cosignedCheckpoints(after size: UInt64, limit: Int) async throws -> [WitnessedCheckpoint] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT size, note, cosigners, witnessed_at FROM log_cosigned WHERE size > ? ORDER BY size LIMIT ?",
                arguments: [Int64(clamping: size), limit]
            ).map(Self.cosigned)
        }
    }

    private static func cosigned(_ row: Row) -> WitnessedCheckpoint {
        WitnessedCheckpoint(
            size: UInt64(row[0] as Int64), note: Array(row[1] as Data), cosigners: (row[2] as String).split(separator: " ").map(String.init),
            witnessedAt: row[3])
    }
}

/// The time of the smallest checkpoint including each of ascending indexes, asking the database only when an index
/// reaches past the checkpoint found for the one before: the acts of a page often share their first checkpoint.
private final class FirstIncluding {
    private let statement: Statement
    private var found: (size: UInt64, time: Timestamp)?

    init(_ statement: Statement) { self.statement = statement }

    func time(including index: UInt64) throws -> Timestamp? {
        if let found, index < found.size { return found.time }
        guard let row = try Row.fetchOne(statement, arguments: [Int64(clamping: index)]) else { return nil }
        let size: Int64 = row[0]
        let seconds: Int64 = row[1]
        found = (UInt64(size), Timestamp(seconds: seconds))
        return found?.time
    }
}
