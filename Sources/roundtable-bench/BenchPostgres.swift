import Foundation
import Logging
import PostgresNIO
import RoundtableClient
import RoundtableStoragePostgres

/// The PostgreSQL cluster a benchmark runs against (`--postgres URL`, to its maintenance database): each node gets a
/// new database of its own.
enum BenchPostgres {
    /// Creates a new, empty database in the cluster; returns its URL.
    static func createDatabase(maintenance url: String) async throws -> String {
        let name = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let client = PostgresClient(configuration: try PostgresURL(url).configuration, backgroundLogger: PostgresForumStore.quietLogger)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        // Let the pool start before the first query asks it for a connection (it warns otherwise).
        await Task.yield()
        try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        guard var components = URLComponents(string: url) else { throw CLIError("--postgres is not a URL") }
        components.path = "/" + name
        return components.string!
    }

    /// The server's `synchronous_commit`, for the report.
    static func synchronousCommit(_ url: String) async throws -> String {
        let client = PostgresClient(configuration: try PostgresURL(url).configuration, backgroundLogger: PostgresForumStore.quietLogger)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        await Task.yield()
        return try await client.query("SHOW synchronous_commit").collect().first?.decode(String.self) ?? "unknown"
    }
}
