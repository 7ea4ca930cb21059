import Foundation
import GRDB
public import RoundtableDomain

/// The embedded default store: one SQLite file in WAL mode, written with `synchronous = FULL` so that every
/// acknowledged append survives a crash or a power loss.
public struct SQLiteForumStore: ForumStore {
    let pool: DatabasePool

    /// Opens (creating if needed) a database file and brings its schema up to date.
    /// - Parameter path: The database file's path.
    /// - Throws: ``SQLiteStoreError`` when the file is not a Roundtable database or was written by a newer version.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // 16 KiB pages: a tile row fits in one, a bundle takes a few, and a commit of a few acts, which rewrites
            // every page it touches into the WAL, stays small. It only takes effect on a new file.
            try db.execute(sql: "PRAGMA page_size = 16384")
        }
        do {
            pool = try DurablePool.open(path: path, configuration: configuration)
            try Self.migrate(pool)
        } catch let error as SQLiteStoreError {
            throw error
        } catch {
            throw SQLiteStoreError.unreadable(path: path, reason: "\(error)")
        }
    }

    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = SQLiteMigrations.migrator
        let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded { throw SQLiteStoreError.newerSchema }
        try migrator.migrate(pool)
    }

    /// The migrations applied to the database, in order.
    public func appliedMigrations() throws -> [String] {
        let migrator = SQLiteMigrations.migrator
        let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
        return migrator.migrations.filter(applied.contains)
    }

    /// Reads a pragma on the store's writer, the connection whose settings decide durability.
    package func writerPragma(_ name: String) throws -> String? {
        try DurablePool.writerPragma(name, of: pool)
    }

    public func loadState() async throws -> ForumState? {
        try await pool.read { db in try SQLiteStateReader.load(db) }
    }

    /// Commits the batch on the calling thread, which waits for the transaction and its `fsync`.
    ///
    /// The node has one committer, so the transaction seldom waits for another writer; running it where the
    /// committer runs, rather than on GRDB's writer queue, saves two thread switches a batch, which at thousands of
    /// batches a second is worth more than the event loop the commit holds for a few hundred microseconds.
    public func append(_ records: [ActRecord], at index: UInt64) async throws {
        try appendOnCallingThread(records, at: index)
    }

    /// Outside an async context, so that GRDB's synchronous `write` is the one called.
    private func appendOnCallingThread(_ records: [ActRecord], at index: UInt64) throws {
        try pool.writeToDiskNow { db in
            try SQLiteEntryBundles.append(records.lazy.map(\.entry), at: index, to: db)
            for record in records where !record.changes.isEmpty { try SQLiteChangeWriter.write(record.changes, to: db) }
        }
    }

    public func entry(at index: UInt64) async throws -> [UInt8]? {
        guard index <= UInt64(Int64.max) else { return nil }
        return try await pool.read { db in try SQLiteEntryBundles.entries(from: index, limit: 1, in: db).first }
    }

    public func entryCount() async throws -> UInt64 {
        try await pool.read { db in try SQLiteEntryBundles.count(db) }
    }

    /// The database's pages, and its write-ahead log not yet checkpointed into them.
    public func sizeInBytes() async throws -> UInt64? {
        let pages = try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0
        }
        let wal = (try? FileManager.default.attributesOfItem(atPath: pool.path + "-wal")[.size] as? Int64) ?? nil
        return UInt64(max(0, pages + (wal ?? 0)))
    }

    public func store(_ document: StoredDocument) async throws {
        try await pool.writeToDisk { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO document (sha256, media_type, data) VALUES (?, ?, ?)",
                arguments: [Data(document.sha256), document.mediaType, Data(document.bytes)])
        }
    }

    public func document(_ sha256: [UInt8]) async throws -> StoredDocument? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT media_type, data FROM document WHERE sha256 = ?", arguments: [Data(sha256)]).map { row in
                StoredDocument(sha256: sha256, mediaType: row["media_type"], bytes: Array(row["data"] as Data))
            }
        }
    }

    public func objects(_ query: ExchangeQuery) async throws -> [ExchangeObjectRecord] {
        try await pool.read { db in try SQLiteExchange.objects(query, in: db) }
    }

    public func owners(of objectIDs: Set<String>) async throws -> [String: MemberID] {
        try await pool.read { db in try SQLiteExchange.owners(of: objectIDs, in: db) }
    }

    public func storedJSON(_ keys: [ExchangeObjectKey]) async throws -> [ExchangeObjectKey: [UInt8]] {
        try await pool.read { db in try SQLiteExchange.storedJSON(keys, in: db) }
    }

    public func latestDateAdded() async throws -> Int64 {
        try await pool.read { db in try SQLiteExchange.latestDateAdded(db) }
    }

    public func exchangeCounts() async throws -> [ExchangeCount] {
        try await pool.read { db in try SQLiteExchange.counts(in: db) }
    }

    public func storeStatus(id: String, json: [UInt8]) async throws {
        try await pool.writeToDisk { db in
            try SQLiteExchange.storeStatus(id: id, json: json, in: db)
        }
    }

    public func status(id: String) async throws -> [UInt8]? {
        try await pool.read { db in try Data.fetchOne(db, sql: "SELECT json FROM exchange_status WHERE id = ?", arguments: [id]).map(Array.init) }
    }

    public func cursorSecret() async throws -> [UInt8] {
        try await pool.writeToDisk { db in try SQLiteExchange.cursorSecret(db) }
    }

    /// The bytes of an entry bundle's first `width` entries, or `nil` when it holds fewer.
    public func entryBundle(_ index: UInt64, width: Int) async throws -> [UInt8]? {
        try await pool.read { db in try SQLiteEntryBundles.bundle(index, width: width, in: db) }
    }
}
