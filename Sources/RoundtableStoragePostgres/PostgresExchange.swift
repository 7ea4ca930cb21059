import Foundation
import Logging
import NIOCore
import PostgresNIO
import RoundtableDomain

/// The exchange's object versions and status resources in PostgreSQL: one row per version, keyed by collection, object
/// id and version, read by index range scans on (collection, date_added); the same rows as the SQLite store's.
enum PostgresExchange {
    static let columns = "collection, " + readColumns
    /// The columns a query reads: all but the collection, which the query names.
    static let readColumns =
        "object_id, version, version_us, date_added, type, spec_version, tlp, recipients, submitter, json, salt, log_index"

    static func insert(_ objects: [ExchangeObjectRecord], connection: PostgresConnection, logger: Logger) async throws {
        guard !objects.isEmpty else { return }
        let counts = ExchangeCountChange(objects.map { ($0.collection, $0.dateAdded, $0.tlp) }, by: 1)
        // One statement, one round trip: the versions already stored of these objects and the new ones together decide
        // which version is an object's first or last; the counts are added; and the objects that had stored versions
        // come back, whose stored versions' marks are then set again. Arrays of postgres-nio hold no NULL: the salt
        // travels with a column of flags.
        let touched = try await connection.query(
            """
            WITH o AS (SELECT * FROM unnest(\
            \(objects.map(\.collection))::text[], \(objects.map(\.objectID))::text[], \(objects.map(\.version))::text[], \
            \(objects.map(\.versionMicros))::bigint[], \(objects.map(\.dateAdded))::bigint[], \(objects.map(\.type))::text[], \
            \(objects.map(\.specVersion))::text[], \(objects.map { Int64($0.tlp) })::bigint[], \
            \(objects.map { $0.recipients.map(\.rawValue).joined(separator: ",") })::text[], \(objects.map(\.submitter.rawValue))::text[], \
            \(objects.map { ByteBuffer(bytes: $0.json) })::bytea[], \(objects.map { ByteBuffer(bytes: $0.salt ?? []) })::bytea[], \
            \(objects.map { $0.salt != nil })::boolean[], \(objects.map { Int64($0.logIndex) })::bigint[]) \
            AS o(collection, object_id, version, version_us, date_added, type, spec_version, tlp, recipients, submitter, json, salt, has_salt, \
            log_index)), \
            stored AS (SELECT collection, object_id, MIN(version_us) AS first, MAX(version_us) AS last FROM exchange_object \
            WHERE object_id = ANY(\(Array(Set(objects.map(\.objectID))))::text[]) GROUP BY collection, object_id), \
            added AS (INSERT INTO exchange_object (\(unescaped: columns), is_first, is_last) \
            SELECT o.collection, o.object_id, o.version, o.version_us, o.date_added, o.type, o.spec_version, o.tlp, o.recipients, o.submitter, \
            o.json, CASE WHEN o.has_salt THEN o.salt END, o.log_index, \
            o.version_us = LEAST(MIN(o.version_us) OVER same, s.first), o.version_us = GREATEST(MAX(o.version_us) OVER same, s.last) \
            FROM o LEFT JOIN stored s ON s.collection = o.collection AND s.object_id = o.object_id \
            WINDOW same AS (PARTITION BY o.collection, o.object_id)), \
            counted AS (\(unescaped: ExchangeCountChange.upsert) \(counts.collections)::text[], \(counts.days)::bigint[], \
            \(counts.levels)::integer[], \(counts.deltas)::bigint[]) \(unescaped: ExchangeCountChange.onConflict)) \
            SELECT s.collection, s.object_id FROM stored s WHERE EXISTS \
            (SELECT 1 FROM o WHERE o.collection = s.collection AND o.object_id = s.object_id)
            """, logger: logger
        ).collect()
        for row in touched {
            let (collection, objectID) = try row.decode((String, String).self)
            try await markEnds(collection: collection, objectID: objectID, connection: connection, logger: logger)
        }
    }

    static func delete(_ keys: [ExchangeObjectKey], connection: PostgresConnection, logger: Logger) async throws {
        guard !keys.isEmpty else { return }
        // Before any version of an id goes, its owner is kept, so that the id stays taken by the same member.
        try await connection.query(
            """
            INSERT INTO exchange_owner (object_id, member) SELECT DISTINCT ON (object_id) object_id, submitter FROM exchange_object \
            WHERE object_id = ANY(\(Array(Set(keys.map(\.objectID))))::text[]) ORDER BY object_id, date_added ON CONFLICT DO NOTHING
            """, logger: logger)
        var deleted: [(String, Int64, Int)] = []
        for key in keys {
            for row in try await connection.query(
                """
                DELETE FROM exchange_object WHERE collection = \(key.collection) AND object_id = \(key.objectID) \
                AND version_us = \(key.versionMicros) RETURNING date_added, tlp
                """, logger: logger
            ).collect() {
                let (dateAdded, tlp) = try row.decode((Int64, Int32).self)
                deleted.append((key.collection, dateAdded, Int(tlp)))
            }
            try await markEnds(collection: key.collection, objectID: key.objectID, connection: connection, logger: logger)
        }
        try await count(deleted, by: -1, connection: connection, logger: logger)
    }

    /// Marks an object's first and last versions, which `match[version]=first|last` select.
    private static func markEnds(collection: String, objectID: String, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE exchange_object o SET is_first = o.version_us = e.first, is_last = o.version_us = e.last \
            FROM (SELECT MIN(version_us) AS first, MAX(version_us) AS last FROM exchange_object \
            WHERE collection = \(collection) AND object_id = \(objectID)) e \
            WHERE o.collection = \(collection) AND o.object_id = \(objectID)
            """, logger: logger)
    }

    /// Adds `delta` to the count of each (collection, day, level) of these objects, in one statement.
    private static func count(
        _ objects: [(collection: String, dateAdded: Int64, tlp: Int)], by delta: Int, connection: PostgresConnection, logger: Logger
    ) async throws {
        let counts = ExchangeCountChange(objects, by: delta)
        guard !counts.collections.isEmpty else { return }
        try await connection.query(
            """
            \(unescaped: ExchangeCountChange.upsert) \(counts.collections)::text[], \(counts.days)::bigint[], \(counts.levels)::integer[], \
            \(counts.deltas)::bigint[]) \(unescaped: ExchangeCountChange.onConflict)
            """, logger: logger)
    }

    static func storeStatus(id: String, json: [UInt8], connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO exchange_status (id, json) VALUES (\(id), \(ByteBuffer(bytes: json))) \
            ON CONFLICT (id) DO UPDATE SET json = excluded.json
            """, logger: logger)
    }

    static func objects(_ query: ExchangeQuery, connection: PostgresConnection, logger: Logger) async throws -> [ExchangeObjectRecord] {
        var builder = QueryBuilder()
        var sql = "SELECT \(readColumns) FROM exchange_object WHERE collection = \(try builder.bind(query.collection))"
        if let after = query.addedAfter { sql += " AND date_added > \(try builder.bind(after))" }
        for (column, values) in [("object_id", query.objectIDs), ("type", query.types), ("spec_version", query.specVersions)] {
            if let values { sql += " AND \(column) = ANY(\(try builder.bind(values.sorted()))::text[])" }
        }
        switch query.versions {
        case .last: sql += " AND is_last"
        case .first: sql += " AND is_first"
        case .all: break
        case .exact(let versions): sql += " AND version_us = ANY(\(try builder.bind(versions.sorted()))::bigint[])"
        }
        if let visibility = query.visibility {
            sql += " AND (tlp <= \(try builder.bind(Int64(visibility.openLevel)))"
            if let member = visibility.member {
                let placeholder = try builder.bind(member.rawValue)
                sql += " OR submitter = \(placeholder) OR position(',' || \(placeholder) || ',' in ',' || recipients || ',') > 0"
            }
            sql += ")"
        }
        sql += " ORDER BY date_added LIMIT \(try builder.bind(Int64(query.limit)))"
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: builder.binds), logger: logger).collect()
        return try rows.map { try record($0, in: query.collection) }
    }

    static func owners(of objectIDs: Set<String>, connection: PostgresConnection, logger: Logger) async throws -> [String: MemberID] {
        guard !objectIDs.isEmpty else { return [:] }
        let ids = Array(objectIDs)
        var owners: [String: MemberID] = [:]
        // One round trip: the kept owners come second, so that they win over the first version that remains.
        let query: PostgresQuery = """
            SELECT object_id, submitter, 0 FROM (SELECT DISTINCT ON (object_id) object_id, submitter FROM exchange_object \
            WHERE object_id = ANY(\(ids)::text[]) ORDER BY object_id, date_added) AS first_added \
            UNION ALL SELECT object_id, member, 1 FROM exchange_owner WHERE object_id = ANY(\(ids)::text[]) ORDER BY 3
            """
        for row in try await connection.query(query, logger: logger).collect() {
            let (id, member, _) = try row.decode((String, String, Int32).self)
            owners[id] = try MemberID(member)
        }
        return owners
    }

    static func storedJSON(_ keys: [ExchangeObjectKey], connection: PostgresConnection, logger: Logger) async throws -> [ExchangeObjectKey: [UInt8]] {
        guard !keys.isEmpty else { return [:] }
        var found: [ExchangeObjectKey: [UInt8]] = [:]
        let rows = try await connection.query(
            """
            SELECT o.collection, o.object_id, o.version_us, o.json FROM exchange_object o \
            JOIN unnest(\(keys.map(\.collection))::text[], \(keys.map(\.objectID))::text[], \(keys.map(\.versionMicros))::bigint[]) \
            AS k(collection, object_id, version_us) ON o.collection = k.collection AND o.object_id = k.object_id AND o.version_us = k.version_us
            """, logger: logger
        ).collect()
        for row in rows {
            let (collection, objectID, version, json) = try row.decode((String, String, Int64, ByteBuffer).self)
            found[ExchangeObjectKey(collection: collection, objectID: objectID, versionMicros: version)] = Array(buffer: json)
        }
        return found
    }

    /// A row of ``readColumns`` of a collection, decoded cell by cell: the decoding of a tuple of types looked up each
    /// column's type at run time, for every row, which took a fifth of the node's time in paged reads.
    private static func record(_ row: PostgresRow, in collection: String) throws -> ExchangeObjectRecord {
        var cells = row.makeIterator()
        func next<T: PostgresDecodable>(_: T.Type) throws -> T {
            guard let cell = cells.next() else { throw PostgresStoreError.corruptRow("exchange_object") }
            return try cell.decode(T.self)
        }
        return ExchangeObjectRecord(
            collection: collection, objectID: try next(String.self), version: try next(String.self),
            versionMicros: try next(Int64.self), dateAdded: try next(Int64.self), type: try next(String.self),
            specVersion: try next(String.self), tlp: Int(try next(Int32.self)),
            recipients: try next(String.self).split(separator: ",").map { try MemberID($0) }, submitter: try MemberID(try next(String.self)),
            json: Array(buffer: try next(ByteBuffer.self)), salt: try next(ByteBuffer?.self).map { Array(buffer: $0) },
            logIndex: UInt64(try next(Int64.self)))
    }
}

/// A query whose SQL is composed of parts, with its values bound as `$1`, `$2`, … in order.
private struct QueryBuilder {
    var binds = PostgresBindings()

    /// Binds a value; returns its placeholder.
    mutating func bind(_ value: some PostgresEncodable) throws -> String {
        try binds.append(value, context: .default)
        return "$\(binds.count)"
    }
}

/// A change of the exchange's counts per (collection, day, level), as the columns of `exchange_count`'s upsert.
private struct ExchangeCountChange {
    /// The statement's start, followed by the four arrays and ``onConflict``.
    static let upsert = "INSERT INTO exchange_count (collection, day, tlp, count) SELECT * FROM unnest("
    /// The statement's end: a count that exists is added to.
    static let onConflict = "ON CONFLICT (collection, day, tlp) DO UPDATE SET count = exchange_count.count + excluded.count"

    var collections: [String] = []
    var days: [Int64] = []
    var levels: [Int64] = []
    var deltas: [Int64] = []

    /// Adds `delta` for each of these objects, grouped.
    init(_ objects: [(collection: String, dateAdded: Int64, tlp: Int)], by delta: Int) {
        var groups: [ExchangeCount.Key: Int64] = [:]
        for object in objects {
            groups[ExchangeCount.Key(collection: object.collection, dateAdded: object.dateAdded, tlp: object.tlp), default: 0] += Int64(delta)
        }
        for (key, value) in groups {
            collections.append(key.collection)
            days.append(key.day)
            levels.append(Int64(key.tlp))
            deltas.append(value)
        }
    }
}
