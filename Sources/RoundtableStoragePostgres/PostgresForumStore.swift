import Foundation
import Synchronization
public import Logging
import NIOCore
import PostgresNIO
public import RoundtableDomain
import TransparencyLog

/// A forum store on PostgreSQL, through postgres-nio's connection pool: for a forum that must outlive one machine
/// (streaming replication, a promoted standby) or that several front-ends serve.
///
/// It keeps what the SQLite store keeps, in the same tables, and meets the same contract. An append checks and
/// advances the log's size (`log_head`) in the transaction that writes the entries, so a second writer, or a deposed
/// one, writes nothing. The server must commit durably: a database whose `synchronous_commit` or `fsync` is off is
/// refused when the store opens.
///
/// Open it with ``open(_:logger:)``; it runs its pool until ``close()``.
public final class PostgresForumStore: ForumStore {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// The URL, without its password.
    public let url: String
    /// The configuration of the connection that holds the lead, when this store takes it.
    let connectionConfiguration: PostgresConnection.Configuration
    /// The epoch this store's appends are fenced by: the one it saw when it opened, or the one it raised on taking the
    /// lead; and the connection that holds the lead's advisory lock, while it holds it.
    let lead = Mutex<(epoch: Int64, connection: PostgresConnection?, candidate: PostgresConnection?)>((0, nil, nil))
    /// Whether PostgreSQL holds statistics of the exchange's objects (``gatherExchangeStatistics()``).
    let exchangeStatistics = Mutex(false)

    private init(client: PostgresClient, url: PostgresURL, logger: Logger) {
        self.client = client
        self.url = url.description
        self.connectionConfiguration = url.connectionConfiguration
        self.logger = logger
        runner = Task { await client.run() }
    }

    deinit { close() }

    /// Connects to a database, checks that it commits durably and brings its schema up to date.
    /// - Parameters:
    ///   - url: The database's URL.
    ///   - logger: Where the pool logs.
    /// - Throws: ``PostgresStoreError`` when the server cannot be reached, does not commit durably, or holds a
    ///   database that is not a Roundtable store or was written by a newer version.
    public static func open(_ url: PostgresURL, logger: Logger = quietLogger) async throws -> PostgresForumStore {
        // One connection first: a server that is not there, or refuses the user, is said at once, with its reason (the
        // pool would retry for a minute before giving up).
        do {
            let connection = try await PostgresConnection.connect(configuration: url.connectionConfiguration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresStoreError.unreachable(url: url.description, reason: String(reflecting: error))
        }
        var configuration = url.configuration
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let store = PostgresForumStore(client: client, url: url, logger: logger)
        // The pool runs in a task of its own; let it start before the first query asks it for a connection.
        await Task.yield()
        do {
            try await store.checkDurable()
            try await PostgresMigrations.migrate(store.client, logger: logger)
            let epoch = try await store.client.query("SELECT epoch FROM log_head WHERE id = 1", logger: logger).collect().first?.decode(Int64.self)
            store.lead.withLock { $0.epoch = epoch ?? 0 }
            await store.gatherExchangeStatistics()
        } catch let error as PostgresStoreError {
            store.close()
            throw error
        } catch {
            store.close()
            throw PostgresStoreError.unreachable(url: url.description, reason: String(reflecting: error))
        }
        return store
    }

    /// The pool's logger by default: warnings and errors only (a pool logs every connection it opens at `info`).
    public static var quietLogger: Logger {
        var logger = Logger(label: "roundtable.postgres")
        logger.logLevel = .warning
        return logger
    }

    /// Stops the pool, and gives up the lead if it held it; the store is not used afterwards.
    public func close() {
        runner.cancel()
        // The connection is kept until it has closed (postgres-nio requires a connection be closed before it goes).
        let connections = lead.withLock { state in
            defer { (state.connection, state.candidate) = (nil, nil) }
            return [state.connection, state.candidate].compactMap { $0 }
        }
        for connection in connections { connection.close().whenComplete { _ in withExtendedLifetime(connection) {} } }
    }

    /// The migrations applied to the database, in order.
    public func appliedMigrations() async throws -> [String] {
        let applied = Set(try await strings("SELECT id FROM roundtable_migration"))
        return PostgresMigrations.all.map(\.id).filter(applied.contains)
    }

    private func checkDurable() async throws {
        for setting in ["synchronous_commit", "fsync"] {
            let value = try await strings(PostgresQuery(unsafeSQL: "SHOW \(setting)")).first ?? "unknown"
            if value == "off" { throw PostgresStoreError.notDurable("\(setting) is off") }
        }
    }

    private func strings(_ query: PostgresQuery) async throws -> [String] {
        try await client.query(query, logger: logger).collect().map { try $0.decode(String.self) }
    }

    public func loadState() async throws -> ForumState? {
        try await client.withConnection { connection in try await PostgresStateReader.load(connection, logger: logger) }
    }

    public func append(_ records: [ActRecord], at index: UInt64) async throws {
        for record in records where record.entry.count > EntryBundle.maximumEntrySize { throw PostgresStoreError.entryTooLarge(record.entry.count) }
        guard !records.isEmpty else { return }
        try await transaction { connection in
            let size = Int64(index)
            let count = Int64(records.count)
            let epoch = lead.withLock { $0.epoch }
            let advanced = try await connection.query(
                "UPDATE log_head SET size = size + \(count) WHERE id = 1 AND size = \(size) AND epoch = \(epoch) RETURNING size", logger: logger
            ).collect()
            if advanced.isEmpty {
                guard let head = try await connection.query("SELECT size, epoch FROM log_head WHERE id = 1", logger: logger).collect().first else {
                    throw PostgresStoreError.corruptRow("log_head")
                }
                let (stored, current) = try head.decode((Int64, Int64).self)
                guard current == epoch else { throw NotLeading(epoch: epoch, current: current) }
                throw AppendOutOfStep(expected: index, stored: UInt64(stored))
            }
            let indexes = (0..<count).map { size + $0 }
            let entries = records.map { ByteBuffer(bytes: $0.entry) }
            try await connection.query(
                "INSERT INTO entry (idx, data) SELECT * FROM unnest(\(indexes)::bigint[], \(entries)::bytea[])", logger: logger)
            var writer = PostgresChangeWriter(connection: connection, logger: logger)
            for record in records { try await writer.write(record.changes) }
            try await writer.finish()
        }
        if records.contains(where: \.addsObjects) { await gatherExchangeStatistics() }
    }

    /// Runs `body` in a transaction, committed when it returns and rolled back when it throws; throws what `body`
    /// threw, or the database's error.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> sending T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    public func entry(at index: UInt64) async throws -> [UInt8]? {
        guard index <= UInt64(Int64.max) else { return nil }
        return try await client.query("SELECT data FROM entry WHERE idx = \(Int64(index))", logger: logger).collect()
            .first.map { Array(buffer: try $0.decode(ByteBuffer.self)) }
    }

    public func entryCount() async throws -> UInt64 {
        UInt64(try await client.query("SELECT size FROM log_head WHERE id = 1", logger: logger).collect().first?.decode(Int64.self) ?? 0)
    }

    /// The database's size as PostgreSQL reports it (`pg_database_size`).
    public func sizeInBytes() async throws -> UInt64? {
        let size = try await client.query("SELECT pg_database_size(current_database())", logger: logger).collect().first?.decode(Int64.self)
        return size.map { UInt64(max(0, $0)) }
    }

    public func store(_ document: StoredDocument) async throws {
        try await client.query(
            """
            INSERT INTO document (sha256, media_type, data) VALUES (\(ByteBuffer(bytes: document.sha256)), \(document.mediaType), \
            \(ByteBuffer(bytes: document.bytes))) ON CONFLICT (sha256) DO NOTHING
            """, logger: logger)
    }

    public func document(_ sha256: [UInt8]) async throws -> StoredDocument? {
        try await client.query("SELECT media_type, data FROM document WHERE sha256 = \(ByteBuffer(bytes: sha256))", logger: logger).collect()
            .first.map { row in
                let (mediaType, data) = try row.decode((String, ByteBuffer).self)
                return StoredDocument(sha256: sha256, mediaType: mediaType, bytes: Array(buffer: data))
            }
    }
}
