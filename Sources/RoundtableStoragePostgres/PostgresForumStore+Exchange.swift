import Foundation
import Logging
import NIOCore
import PostgresNIO
public import RoundtableDomain

extension PostgresForumStore {
    public func objects(_ query: ExchangeQuery) async throws -> [ExchangeObjectRecord] {
        try await client.withConnection { connection in try await PostgresExchange.objects(query, connection: connection, logger: logger) }
    }

    public func owners(of objectIDs: Set<String>) async throws -> [String: MemberID] {
        try await client.withConnection { connection in try await PostgresExchange.owners(of: objectIDs, connection: connection, logger: logger) }
    }

    public func storedJSON(_ keys: [ExchangeObjectKey]) async throws -> [ExchangeObjectKey: [UInt8]] {
        try await client.withConnection { connection in try await PostgresExchange.storedJSON(keys, connection: connection, logger: logger) }
    }

    public func latestDateAdded() async throws -> Int64 {
        try await client.query("SELECT MAX(date_added) FROM exchange_object", logger: logger).collect().first?.decode(Int64?.self) ?? 0
    }

    public func exchangeCounts() async throws -> [ExchangeCount] {
        try await client.query(
            "SELECT collection, day, tlp, count FROM exchange_count WHERE count > 0 ORDER BY collection, day, tlp", logger: logger
        ).collect().map { row in
            let (collection, day, tlp, count) = try row.decode((String, Int64, Int32, Int64).self)
            return ExchangeCount(key: .init(collection: collection, day: day, tlp: Int(tlp)), count: Int(count))
        }
    }

    public func storeStatus(id: String, json: [UInt8]) async throws {
        try await client.withConnection { connection in
            try await PostgresExchange.storeStatus(id: id, json: json, connection: connection, logger: logger)
        }
    }

    public func status(id: String) async throws -> [UInt8]? {
        try await client.query("SELECT json FROM exchange_status WHERE id = \(id)", logger: logger).collect()
            .first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
    }

    public func cursorSecret() async throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // The first front-end to ask creates it; every other one reads the same.
        try await client.query(
            "INSERT INTO exchange_secret (id, secret) VALUES (1, \(ByteBuffer(bytes: fresh))) ON CONFLICT (id) DO NOTHING", logger: logger)
        guard let secret = try await client.query("SELECT secret FROM exchange_secret WHERE id = 1", logger: logger).collect().first else {
            throw PostgresStoreError.corruptRow("exchange_secret")
        }
        return Array(buffer: try secret.decode(ByteBuffer.self))
    }
}
