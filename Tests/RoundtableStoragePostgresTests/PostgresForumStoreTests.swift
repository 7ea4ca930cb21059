import Foundation
import PostgresNIO
import Synchronization
import RoundtableDomain
import RoundtableStoragePostgres
import RoundtableTestSupport
import Testing
import TransparencyLog

@Suite("PostgreSQL forum store", .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
struct PostgresForumStoreTests {
    private static func unique() -> String { PostgresTestServer.uniqueName() }

    @Test("the PostgreSQL store meets the forum store contract", arguments: ForumStoreContract.checks)
    func contract(_ check: ForumStoreContract.Check) async throws {
        let prefix = Self.unique()
        let created = Mutex<Set<String>>([])
        try await check.run(
            on: .persistent { name in
                let database = "\(prefix)_\(name.lowercased().filter { $0.isLetter || $0.isNumber })"
                let url =
                    created.withLock { $0.contains(database) }
                    ? try PostgresTestServer.database(database) : try await PostgresTestServer.createDatabase(database)
                created.withLock { _ = $0.insert(database) }
                return try await PostgresForumStore.open(try PostgresURL(url))
            })
    }

    @Test("a database that holds other tables is refused, and nothing is written to it")
    func foreignDatabase() async throws {
        let url = try await PostgresTestServer.createDatabase(Self.unique())
        try await PostgresTestServer.execute("CREATE TABLE invoices (id integer)", in: url)
        await #expect(throws: PostgresStoreError.foreignDatabase(["invoices"])) { try await PostgresForumStore.open(try PostgresURL(url)) }
        #expect(try await PostgresTestServer.tables(in: url) == ["invoices"])
    }

    @Test("a database migrated by a newer version is refused")
    func newerSchema() async throws {
        let url = try await PostgresTestServer.createDatabase(Self.unique())
        let store = try await PostgresForumStore.open(try PostgresURL(url))
        #expect(try await store.appliedMigrations() == ["v1-forum", "v2-front-ends", "v3-sealed-records-by-act"])
        store.close()
        try await PostgresTestServer.execute("INSERT INTO roundtable_migration (id) VALUES ('v99-future')", in: url)
        await #expect(throws: PostgresStoreError.newerSchema(["v99-future"])) { try await PostgresForumStore.open(try PostgresURL(url)) }
    }

    @Test("a database that would acknowledge commits before they are durable is refused")
    func notDurable() async throws {
        let name = Self.unique()
        let url = try await PostgresTestServer.createDatabase(name)
        try await PostgresTestServer.execute("ALTER DATABASE \(name) SET synchronous_commit = off", in: url)
        await #expect(throws: PostgresStoreError.notDurable("synchronous_commit is off")) { try await PostgresForumStore.open(try PostgresURL(url)) }
    }

    @Test("two stores on one database appending at the same index: exactly one writes, the other writes nothing")
    func racingAppends() async throws {
        let url = try PostgresURL(try await PostgresTestServer.createDatabase(Self.unique()))
        let first = try await PostgresForumStore.open(url)
        let second = try await PostgresForumStore.open(url)
        defer {
            first.close()
            second.close()
        }
        for round in 0..<20 {
            let index = UInt64(round)
            async let a = outcome { try await first.append([ActRecord(entry: [1, UInt8(round)], changes: [])], at: index) }
            async let b = outcome { try await second.append([ActRecord(entry: [2, UInt8(round)], changes: [])], at: index) }
            let outcomes = await [a, b]
            let written = outcomes.filter { if case .success = $0 { true } else { false } }.count
            #expect(written == 1, "round \(round): \(outcomes)")
            for case .failure(let error) in outcomes {
                #expect(error as? AppendOutOfStep == AppendOutOfStep(expected: index, stored: index + 1))
            }
            #expect(try await first.entryCount() == index + 1)
        }
        #expect(try await second.entries(from: 0, limit: 100).count == 20)
    }

    @Test("the first objects added leave PostgreSQL statistics of the exchange's objects, which it plans their look-ups with")
    func exchangeStatistics() async throws {
        let url = try await PostgresTestServer.createDatabase(Self.unique())
        let store = try await PostgresForumStore.open(try PostgresURL(url))
        defer { store.close() }
        let statistics = "pg_stats WHERE schemaname = current_schema() AND tablename = 'exchange_object'"
        #expect(try await PostgresTestServer.rowCount(statistics, in: url) == 0)
        let object = ExchangeObjectRecord(
            collection: "c", objectID: "indicator--00000000-0000-4000-8000-000000000001", version: "v1", versionMicros: 1, dateAdded: 1,
            type: "indicator", specVersion: "2.1", tlp: 0, recipients: [], submitter: try MemberID("ke"), json: Array("{}".utf8), salt: nil,
            logIndex: 0)
        try await store.append([ActRecord(entry: [1], changes: [.objectsAdded([object])])], at: 0)
        #expect(try await PostgresTestServer.rowCount(statistics, in: url) > 0)
    }

    @Test("URLs: user, host, port, database, socket directory and TLS mode are read; what is wrong is named", arguments: [
        ("postgres://rt@db.example:6543/forum", "db.example:6543"),
        ("postgresql://rt:secret@localhost/forum?sslmode=disable", "localhost:5432"),
        ("postgres://rt@/forum?host=/run/postgresql", "/run/postgresql/.s.PGSQL.5432"),
        ("postgres://rt@/forum?host=/tmp/pg&port=5499", "/tmp/pg/.s.PGSQL.5499"),
    ])
    func urls(_ text: String, _ address: String) throws {
        let url = try PostgresURL(text)
        let configuration = url.configuration
        #expect((configuration.unixSocketPath ?? "\(configuration.host!):\(configuration.port!)") == address)
        #expect(configuration.username == "rt")
        #expect(configuration.database == "forum")
        #expect(!url.description.contains("secret"))
    }

    @Test("malformed URLs are refused with the reason", arguments: [
        "mysql://rt@host/forum", "postgres://host/forum", "postgres://rt@host/", "postgres://rt@host/forum?sslmode=maybe",
        "postgres://rt@host/forum?application=x", "postgres://rt@host:0/forum",
    ])
    func malformedURLs(_ text: String) {
        #expect(throws: PostgresStoreError.self) { try PostgresURL(text) }
    }
}

private func outcome(_ body: () async throws -> Void) async -> Result<Void, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
