import Foundation
import Logging
import PostgresNIO
import RoundtableStoragePostgres
import Testing

/// The throwaway PostgreSQL cluster the test command starts (`scripts/postgres.sh`): its URL, to the maintenance
/// database, is in `ROUNDTABLE_TEST_POSTGRES`. Each test makes databases of its own in it.
enum PostgresTestServer {
    /// The maintenance database's URL, or `nil` when no cluster was started for the tests.
    static let url = ProcessInfo.processInfo.environment["ROUNDTABLE_TEST_POSTGRES"]

    /// Why the PostgreSQL tests do not run without it.
    static let missing = "ROUNDTABLE_TEST_POSTGRES is not set: run ./scripts/test.sh, which starts a PostgreSQL cluster for the tests"

    /// Creates a new, empty database; returns its URL.
    /// - Parameter name: A name unique to the caller (letters, digits and `_`).
    static func createDatabase(_ name: String) async throws -> String {
        try await withClient(try #require(url)) { client in _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")) }
        return try database(name)
    }

    /// The URL of a database of the cluster.
    static func database(_ name: String) throws -> String {
        let server = try #require(url)
        var components = try #require(URLComponents(string: server))
        components.path = "/" + name
        return try #require(components.string)
    }
}

extension PostgresTestServer {
    /// Runs SQL on a database.
    static func execute(_ sql: String, in url: String) async throws {
        try await withClient(url) { client in _ = try await client.query(PostgresQuery(unsafeSQL: sql)) }
    }

    /// The tables of a database's schema.
    static func tables(in url: String) async throws -> [String] {
        try await withClient(url) { client in
            try await client.query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")
                .collect().map { try $0.decode(String.self) }
        }
    }

    private static func withClient<T: Sendable>(_ url: String, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: try PostgresURL(url).configuration, backgroundLogger: Logger(label: "test.postgres"))
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        return try await body(client)
    }
}
