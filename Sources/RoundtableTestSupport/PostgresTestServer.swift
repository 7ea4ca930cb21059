import Foundation
import Logging
import PostgresNIO
import RoundtableStoragePostgres

/// The throwaway PostgreSQL cluster the test command starts (`scripts/postgres.sh`): its URL, to the maintenance
/// database, is in `ROUNDTABLE_TEST_POSTGRES`. Each test makes databases of its own in it.
public enum PostgresTestServer {
    /// The maintenance database's URL, or `nil` when no cluster was started for the tests.
    public static let url = ProcessInfo.processInfo.environment["ROUNDTABLE_TEST_POSTGRES"]

    /// Why the PostgreSQL tests do not run without it.
    public static let missing = "ROUNDTABLE_TEST_POSTGRES is not set: run ./scripts/test.sh, which starts a PostgreSQL cluster for the tests"

    /// Creates a new, empty database; returns its URL.
    /// - Parameter name: A name unique to the caller (letters, digits and `_`).
    public static func createDatabase(_ name: String) async throws -> String {
        try await withClient(try server()) { client in _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")) }
        return try database(name)
    }

    /// A database name unique in the cluster: `t` and 16 hexadecimal digits.
    public static func uniqueName() -> String { "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16) }

    /// Creates a new, empty database with a unique name; returns its URL.
    public static func createDatabase() async throws -> String { try await createDatabase(uniqueName()) }

    private static func server() throws -> String {
        guard let url else { throw NotRunning(reason: missing) }
        return url
    }

    /// Why a test cannot reach the cluster.
    public struct NotRunning: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The URL of a database of the cluster.
    public static func database(_ name: String) throws -> String {
        guard var components = URLComponents(string: try server()) else { throw NotRunning(reason: "ROUNDTABLE_TEST_POSTGRES is not a URL") }
        components.path = "/" + name
        return components.string!
    }
}

extension PostgresTestServer {
    /// Runs SQL on a database.
    public static func execute(_ sql: String, in url: String) async throws {
        try await withClient(url) { client in _ = try await client.query(PostgresQuery(unsafeSQL: sql)) }
    }

    /// The tables of a database's schema.
    public static func tables(in url: String) async throws -> [String] {
        try await withClient(url) { client in
            try await client.query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")
                .collect().map { try $0.decode(String.self) }
        }
    }

    /// The number of rows of a table.
    public static func rowCount(_ table: String, in url: String) async throws -> Int64 {
        try await withClient(url) { client in
            try await client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)")).collect().first?.decode(Int64.self) ?? 0
        }
    }

    /// Ends, from a connection of its own, the server process that holds the lead's advisory lock in a database (what
    /// an operator's `pg_terminate_backend`, or a server that drops the connection, does), and waits until it has
    /// exited, releasing the lock. The front-end whose connection it was is not told; it finds out when it next uses it.
    /// - Parameter url: The database's URL.
    /// - Returns: The IDs of the server processes ended: one while a front-end leads, none otherwise.
    public static func endLeadConnection(in url: String) async throws -> [Int32] {
        let key = UInt64(bitPattern: PostgresForumStore.leadKey)
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT pid, pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory' AND granted \
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
                AND classid = \(key >> 32) AND objid = \(key & 0xffff_ffff) AND objsubid = 1
                """)
        return try await withClient(url) { client in
            try await client.query(query).collect().map { row in
                let (pid, ended) = try row.decode((Int32, Bool).self)
                guard ended else { throw LeadConnectionSurvived(pid: pid) }
                return pid
            }
        }
    }

    /// Thrown by ``endLeadConnection(in:)`` when the server process holding the lead did not exit within 10 s.
    public struct LeadConnectionSurvived: Error, CustomStringConvertible {
        /// The server process's ID.
        public let pid: Int32
        public var description: String { "the server process \(pid) holding the lead did not exit within 10 s of pg_terminate_backend" }
    }

    private static func withClient<T: Sendable>(_ url: String, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: try PostgresURL(url).configuration, backgroundLogger: Logger(label: "test.postgres"))
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        return try await body(client)
    }
}
