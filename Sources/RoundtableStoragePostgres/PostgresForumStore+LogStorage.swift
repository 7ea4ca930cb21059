import Foundation
import Logging
import NIOCore
import PostgresNIO
public import RoundtableDomain
public import TransparencyLog

extension PostgresForumStore {
    public func entries(from start: UInt64, limit: Int) async throws -> [[UInt8]] {
        guard limit > 0, start <= UInt64(Int64.max) else { return [] }
        return try await client.query("SELECT data FROM entry WHERE idx >= \(Int64(start)) ORDER BY idx LIMIT \(Int64(limit))", logger: logger)
            .collect().map { Array(buffer: try $0.decode(ByteBuffer.self)) }
    }

    public func integratedTree() async throws -> IntegratedTree {
        guard let row = try await client.query("SELECT size, root FROM log_tree WHERE id = 1", logger: logger).collect().first else {
            throw PostgresStoreError.corruptRow("log_tree")
        }
        let (size, root) = try row.decode((Int64, ByteBuffer).self)
        guard root.readableBytes == TreeHash.byteCount else { throw PostgresStoreError.corruptRow("log_tree root") }
        return IntegratedTree(size: UInt64(size), root: TreeHash(Array(buffer: root)))
    }

    public func tiles(_ keys: [TileKey]) async throws -> [TileKey: [TreeHash]] {
        guard !keys.isEmpty else { return [:] }
        let levels = keys.map { Int64($0.level) }
        let indexes = keys.map { Int64(clamping: $0.index) }
        var tiles: [TileKey: [TreeHash]] = [:]
        let rows = try await client.query(
            """
            SELECT t.level, t.idx, t.data FROM log_tile t JOIN unnest(\(levels)::bigint[], \(indexes)::bigint[]) AS k(level, idx) \
            ON t.level = k.level AND t.idx = k.idx
            """, logger: logger
        ).collect()
        for row in rows {
            let (level, index, data) = try row.decode((Int64, Int64, ByteBuffer).self)
            let key = TileKey(level: Int(level), index: UInt64(index))
            guard let tile = HashTile(bytes: Array(buffer: data)) else { throw PostgresStoreError.corruptRow("tile \(key)") }
            tiles[key] = tile.hashes
        }
        return tiles
    }

    public func storeIntegration(_ integration: TileBuilder.Integration, previousSize: UInt64) async throws {
        try await transaction { connection in
            try await holdLead(on: connection)
            let current = try await connection.query("SELECT size FROM log_tree WHERE id = 1 FOR UPDATE", logger: logger).collect()
                .first.map { try $0.decode(Int64.self) }
            guard current == Int64(previousSize) else {
                throw PostgresStoreError.corruptRow("log_tree moved from \(previousSize) to \(current ?? -1) during integration")
            }
            let tiles = Array(integration.tiles)
            if !tiles.isEmpty {
                let levels = tiles.map { Int64($0.key.level) }
                let indexes = tiles.map { Int64($0.key.index) }
                let data = tiles.map { ByteBuffer(bytes: HashTile(hashes: $0.value).bytes) }
                try await connection.query(
                    """
                    INSERT INTO log_tile (level, idx, data) SELECT * FROM unnest(\(levels)::bigint[], \(indexes)::bigint[], \(data)::bytea[]) \
                    ON CONFLICT (level, idx) DO UPDATE SET data = excluded.data
                    """, logger: logger)
            }
            try await connection.query(
                "UPDATE log_tree SET size = \(Int64(integration.size)), root = \(ByteBuffer(bytes: integration.root.bytes)) WHERE id = 1",
                logger: logger)
        }
    }

    public func latestCheckpoint() async throws -> [UInt8]? {
        try await client.query("SELECT note FROM log_checkpoint ORDER BY size DESC LIMIT 1", logger: logger).collect()
            .first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
    }

    public func storeCheckpoint(_ note: [UInt8], size: UInt64) async throws {
        try await transaction { connection in
            try await holdLead(on: connection)
            try await connection.query(
                """
                INSERT INTO log_checkpoint (size, note, published_at) VALUES (\(Int64(size)), \(ByteBuffer(bytes: note)), \
                \(Int64(Date().timeIntervalSince1970)))
                """, logger: logger)
        }
    }

    public func latestCheckpointTime() async throws -> Timestamp? {
        try await client.query("SELECT published_at FROM log_checkpoint ORDER BY size DESC LIMIT 1", logger: logger).collect()
            .first.map { Timestamp(seconds: try $0.decode(Int64.self)) }
    }

    public func loggingTimes(of indexes: [UInt64]) async throws -> [UInt64: LoggingTime] {
        guard !indexes.isEmpty else { return [:] }
        let sorted = Set(indexes).sorted().map { Int64(clamping: $0) }
        // For each index, the first checkpoint (and cosigned checkpoint) whose size is larger: one query for the page.
        let rows = try await client.query(
            """
            SELECT i.idx, \
            (SELECT published_at FROM log_checkpoint WHERE size > i.idx ORDER BY size LIMIT 1), \
            (SELECT witnessed_at FROM log_cosigned WHERE size > i.idx ORDER BY size LIMIT 1) \
            FROM unnest(\(sorted)::bigint[]) AS i(idx)
            """, logger: logger
        ).collect()
        var times: [UInt64: LoggingTime] = [:]
        for row in rows {
            let (index, signed, witnessed) = try row.decode((Int64, Int64?, Int64?).self)
            let time = LoggingTime(signed: signed.map(Timestamp.init(seconds:)), witnessed: witnessed.map(Timestamp.init(seconds:)))
            if time.signed != nil || time.witnessed != nil { times[UInt64(index)] = time }
        }
        return times
    }

    public func storeCosignedCheckpoint(_ checkpoint: WitnessedCheckpoint) async throws {
        try await transaction { connection in
            try await holdLead(on: connection)
            try await connection.query(
                """
                INSERT INTO log_cosigned (size, note, cosigners, witnessed_at) VALUES (\(Int64(checkpoint.size)), \
                \(ByteBuffer(bytes: checkpoint.note)), \(checkpoint.cosigners.joined(separator: " ")), \(checkpoint.witnessedAt)) \
                ON CONFLICT (size) DO UPDATE SET note = excluded.note, cosigners = excluded.cosigners, witnessed_at = excluded.witnessed_at
                """, logger: logger)
        }
    }

    public func latestCosignedCheckpoint() async throws -> WitnessedCheckpoint? {
        try await cosigned("SELECT size, note, cosigners, witnessed_at FROM log_cosigned ORDER BY size DESC LIMIT 1").first
    }

    public func firstCosignedCheckpoint(including index: UInt64) async throws -> WitnessedCheckpoint? {
        try await cosigned(
            "SELECT size, note, cosigners, witnessed_at FROM log_cosigned WHERE size > \(Int64(clamping: index)) ORDER BY size LIMIT 1"
        ).first
    }

    public func cosignedCheckpoints(after size: UInt64, limit: Int) async throws -> [WitnessedCheckpoint] {
        try await cosigned(
            "SELECT size, note, cosigners, witnessed_at FROM log_cosigned WHERE size > \(Int64(clamping: size)) ORDER BY size LIMIT \(limit)")
    }

    private func cosigned(_ query: PostgresQuery) async throws -> [WitnessedCheckpoint] {
        try await client.query(query, logger: logger).collect().map { row in
            let (size, note, cosigners, witnessedAt) = try row.decode((Int64, ByteBuffer, String, Int64).self)
            return WitnessedCheckpoint(
                size: UInt64(size), note: Array(buffer: note), cosigners: cosigners.split(separator: " ").map(String.init), witnessedAt: witnessedAt)
        }
    }
}
