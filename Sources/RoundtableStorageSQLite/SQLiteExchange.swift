import Foundation
package import GRDB
package import RoundtableDomain

/// The exchange's object versions and status resources in SQLite: one row per version, keyed by collection, object id
/// and version, read by index range scans on (collection, date_added).
package enum SQLiteExchange {
    static let columns =
        "collection, object_id, version, version_us, date_added, type, spec_version, tlp, recipients, submitter, json, salt, log_index"

    package static func insert(_ objects: [ExchangeObjectRecord], into db: Database) throws {
        let insert = try db.cachedStatement(
            sql: "INSERT INTO exchange_object (\(columns), is_first, is_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let ends = try db.cachedStatement(
            sql: "SELECT MIN(version_us), MAX(version_us) FROM exchange_object WHERE collection = ? AND object_id = ?")
        // No owner row is written: the submitter of an id's first version is its owner (see `owners(of:in:)`).
        for object in objects {
            // Most objects are new: then the version is both the first and the last, and nothing else changes.
            let (first, last) = try Row.fetchOne(ends, arguments: [object.collection, object.objectID]).map { row in
                (row[0] as Int64?, row[1] as Int64?)
            } ?? (nil, nil)
            let isFirst = first.map { object.versionMicros < $0 } ?? true
            let isLast = last.map { object.versionMicros > $0 } ?? true
            try insert.execute(arguments: [
                object.collection, object.objectID, object.version, object.versionMicros, object.dateAdded, object.type, object.specVersion,
                object.tlp, object.recipients.map(\.rawValue).joined(separator: ","), object.submitter.rawValue, Data(object.json),
                object.salt.map { Data($0) }, Int64(object.logIndex), isFirst, isLast,
            ])
            if first != nil, isFirst || isLast { try markEnds(collection: object.collection, objectID: object.objectID, in: db) }
        }
        try count(objects.map { ($0.collection, $0.dateAdded, $0.tlp) }, by: 1, in: db)
    }

    package static func delete(_ keys: [ExchangeObjectKey], from db: Database) throws {
        let delete = try db.cachedStatement(
            sql: "DELETE FROM exchange_object WHERE collection = ? AND object_id = ? AND version_us = ? RETURNING date_added, tlp")
        // Before any version of an id goes, its owner is kept, so that the id stays taken by the same member.
        let keepOwner = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO exchange_owner (object_id, member)
                    SELECT object_id, submitter FROM exchange_object WHERE object_id = ? ORDER BY date_added LIMIT 1
                """)
        for objectID in Set(keys.map(\.objectID)) { try keepOwner.execute(arguments: [objectID]) }
        var deleted: [(String, Int64, Int)] = []
        for key in keys {
            if let row = try Row.fetchOne(delete, arguments: [key.collection, key.objectID, key.versionMicros]) {
                deleted.append((key.collection, row[0], row[1]))
            }
            try markEnds(collection: key.collection, objectID: key.objectID, in: db)
        }
        try count(deleted, by: -1, in: db)
    }

    /// Adds `delta` to the count of each (collection, day, level) of these objects, one statement per group.
    private static func count(_ objects: [(collection: String, dateAdded: Int64, tlp: Int)], by delta: Int, in db: Database) throws {
        var groups: [ExchangeCount.Key: Int] = [:]
        for object in objects {
            groups[ExchangeCount.Key(collection: object.collection, dateAdded: object.dateAdded, tlp: object.tlp), default: 0] += delta
        }
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO exchange_count (collection, day, tlp, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (collection, day, tlp) DO UPDATE SET count = count + excluded.count
                """)
        for (key, change) in groups { try upsert.execute(arguments: [key.collection, key.day, key.tlp, change]) }
    }

    package static func counts(in db: Database) throws -> [ExchangeCount] {
        try Row.fetchAll(db, sql: "SELECT collection, day, tlp, count FROM exchange_count WHERE count > 0 ORDER BY collection, day, tlp").map {
            ExchangeCount(key: .init(collection: $0[0], day: $0[1], tlp: $0[2]), count: $0[3])
        }
    }

    /// Marks an object's first and last versions, which `match[version]=first|last` select.
    private static func markEnds(collection: String, objectID: String, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE exchange_object SET
                    is_first = version_us = (SELECT MIN(version_us) FROM exchange_object WHERE collection = ?1 AND object_id = ?2),
                    is_last = version_us = (SELECT MAX(version_us) FROM exchange_object WHERE collection = ?1 AND object_id = ?2)
                WHERE collection = ?1 AND object_id = ?2
                """
        ).execute(arguments: [collection, objectID])
    }

    package static func objects(_ query: ExchangeQuery, in db: Database) throws -> [ExchangeObjectRecord] {
        var sql = "SELECT \(columns) FROM exchange_object WHERE collection = ?"
        var arguments: StatementArguments = [query.collection]
        if let after = query.addedAfter {
            sql += " AND date_added > ?"
            _ = arguments.append(contentsOf: [after])
        }
        func any(_ column: String, _ values: Set<String>?) {
            guard let values else { return }
            sql += " AND \(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))"
            _ = arguments.append(contentsOf: StatementArguments(values.sorted()))
        }
        any("object_id", query.objectIDs)
        any("type", query.types)
        any("spec_version", query.specVersions)
        switch query.versions {
        case .last: sql += " AND is_last = 1"
        case .first: sql += " AND is_first = 1"
        case .all: break
        case .exact(let versions):
            sql += " AND version_us IN (\(Array(repeating: "?", count: versions.count).joined(separator: ",")))"
            _ = arguments.append(contentsOf: StatementArguments(versions.sorted()))
        }
        if let visibility = query.visibility {
            sql += " AND (tlp <= ?"
            _ = arguments.append(contentsOf: [visibility.openLevel])
            if let member = visibility.member {
                sql += " OR submitter = ? OR instr(',' || recipients || ',', ',' || ? || ',') > 0"
                _ = arguments.append(contentsOf: [member.rawValue, member.rawValue])
            }
            sql += ")"
        }
        sql += " ORDER BY date_added LIMIT ?"
        _ = arguments.append(contentsOf: [query.limit])
        // Queries with IN lists vary with the client's filters: only the fixed shapes are kept prepared.
        let fixed = query.objectIDs == nil && query.types == nil && query.specVersions == nil && !query.versions.isExact
        // A cursor reads each row in place, with no copy of the row, and `record` copies the JSON once.
        return try Array(Row.fetchCursor(fixed ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql), arguments: arguments).map(record))
    }

    /// The owners of these ids: the submitter of each id's first version added, in any collection, unless
    /// `exchange_owner` kept the owner of an id some of whose versions were deleted.
    package static func owners(of objectIDs: Set<String>, in db: Database) throws -> [String: MemberID] {
        var owners: [String: MemberID] = [:]
        let ids = Array(objectIDs)
        // Two statements per 500 ids: an envelope's ids are looked up together, through the unique index.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for sql in [
                "SELECT object_id, submitter, MIN(date_added) FROM exchange_object WHERE object_id IN (\(marks)) GROUP BY object_id",
                "SELECT object_id, member FROM exchange_owner WHERE object_id IN (\(marks))",
            ] {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(chunk))
                while let row = try rows.next() { owners[row[0]] = try MemberID(row[1] as String) }
            }
        }
        return owners
    }

    package static func storedJSON(_ keys: [ExchangeObjectKey], in db: Database) throws -> [ExchangeObjectKey: [UInt8]] {
        let statement = try db.cachedStatement(sql: "SELECT json FROM exchange_object WHERE collection = ? AND object_id = ? AND version_us = ?")
        var found: [ExchangeObjectKey: [UInt8]] = [:]
        for key in keys {
            if let json = try Data.fetchOne(statement, arguments: [key.collection, key.objectID, key.versionMicros]) { found[key] = Array(json) }
        }
        return found
    }

    package static func storeStatus(id: String, json: [UInt8], in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO exchange_status (id, json) VALUES (?, ?)").execute(arguments: [id, Data(json)])
    }

    package static func latestDateAdded(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(date_added) FROM exchange_object") ?? 0
    }

    package static func cursorSecret(_ db: Database) throws -> [UInt8] {
        if let secret = try Data.fetchOne(db, sql: "SELECT secret FROM exchange_secret WHERE id = 1") { return Array(secret) }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try db.execute(sql: "INSERT INTO exchange_secret (id, secret) VALUES (1, ?)", arguments: [Data(secret)])
        return secret
    }

    /// A row of ``columns``, read by position (GRDB's lookups by name cost more than the rest of a page).
    private static func record(_ row: Row) throws -> ExchangeObjectRecord {
        let recipients = (row[8] as String).split(separator: ",")
        return ExchangeObjectRecord(
            collection: row[0], objectID: row[1], version: row[2], versionMicros: row[3], dateAdded: row[4], type: row[5], specVersion: row[6],
            tlp: row[7], recipients: try recipients.map { try MemberID($0) }, submitter: try MemberID(row[9] as String),
            json: try row.withUnsafeData(atIndex: 10) { Array($0 ?? Data()) }, salt: try row.withUnsafeData(atIndex: 11) { $0.map(Array.init) },
            logIndex: UInt64(row[12] as Int64))
    }
}
