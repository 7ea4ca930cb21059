import Foundation
import NIOHTTP1
import RoundtableDomain
import RoundtableTestSupport
import Testing

/// `roundtable serve --database postgres://…`: the forum in PostgreSQL, the node key in the data directory, and the
/// start-up checks that keep a directory and a database that do not belong together from being used.
@Suite("serve on PostgreSQL", .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.missing)))
struct PostgresServeTests {
    let directory = NSTemporaryDirectory() + "roundtable-pg-serve-" + UUID().uuidString

    private func founders(_ forum: TestForum) throws -> String {
        let path = directory + "/founders.txt"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(try forum.founders.map { "\($0.id) \($0.key) \($0.displayName)" }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `serve` expecting it to refuse; returns what it printed.
    private func refusal(_ arguments: [String]) async throws -> String {
        let log = URL(fileURLWithPath: directory + "/refused-\(UUID().uuidString).log")
        let node = try NodeProcess(arguments: arguments, output: log)
        #expect(node.waitForExit() != 0)
        return try String(contentsOf: log, encoding: .utf8)
    }

    @Test("a forum is created in the database, reopened from it with the same key, and every act is read back from it")
    func createsAndReopens() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "127.0.0.1")
        let database = try await PostgresTestServer.createDatabase()
        let arguments = ["--data", directory + "/data", "--database", database]
        let log = URL(fileURLWithPath: directory + "/node.log")
        var node = try NodeProcess(arguments: arguments + ["--founders", try founders(forum)], output: log)
        try await node.waitUntilServing()
        var entries: [UInt64: [UInt8]] = [:]
        for sequence in 1...5 {
            let entry = try forum.credentialAct(by: "ee", seq: UInt64(sequence), [.addToken(try TestForum.token("t\(sequence)", sequence))])
            let (status, body) = try await postAct(entry, to: node.url)
            #expect(status == .created, "\(body)")
            entries[UInt64(sequence)] = entry
        }
        #expect(node.stop() == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/data/node.key"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/data/roundtable.sqlite"))
        node = try NodeProcess(arguments: arguments, output: log)
        try await node.waitUntilServing()
        for (index, entry) in entries {
            let (status, stored) = try await getBytes(node.url + "/api/v1/acts/\(index)")
            #expect(status == .ok && stored == entry, "entry \(index)")
        }
        #expect(try String(contentsOf: log, encoding: .utf8).contains("Reopened forum"))
        #expect(node.stop() == 0)
    }

    @Test("a directory and a database that do not belong together are refused, and neither is changed")
    func mismatches() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "127.0.0.1")
        let founders = try founders(forum)
        let first = try await PostgresTestServer.createDatabase()
        let node = try NodeProcess(
            arguments: ["--data", directory + "/a", "--database", first, "--founders", founders], output: URL(fileURLWithPath: directory + "/a.log"))
        try await node.waitUntilServing()
        #expect(node.stop() == 0)

        // The database holds a forum, but this directory has no node key: the key is never made anew.
        var text = try await refusal(["--data", directory + "/b", "--database", first])
        #expect(text.contains("holds a forum but") && text.contains("has no node.key"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/b/node.key"))

        // The directory has its node key, but the database named holds no forum.
        let empty = try await PostgresTestServer.createDatabase()
        text = try await refusal(["--data", directory + "/a", "--database", empty])
        #expect(text.contains("has a node key but") && text.contains("holds no forum"), "\(text)")
        #expect(try await PostgresTestServer.tables(in: empty).contains("forum"))
        #expect(try await PostgresTestServer.rowCount("forum", in: empty) == 0)

        // Another node's key on this forum's database.
        let other = try await PostgresTestServer.createDatabase()
        let second = try NodeProcess(
            arguments: ["--data", directory + "/c", "--database", other, "--founders", founders], output: URL(fileURLWithPath: directory + "/c.log"))
        try await second.waitUntilServing()
        #expect(second.stop() == 0)
        text = try await refusal(["--data", directory + "/c", "--database", first])
        #expect(text.contains("node key"), "\(text)")

        // A directory that keeps its forum in SQLite, pointed at a database as well.
        let sqlite = try NodeProcess(
            arguments: ["--data", directory + "/d", "--founders", founders], output: URL(fileURLWithPath: directory + "/d.log"))
        try await sqlite.waitUntilServing()
        #expect(sqlite.stop() == 0)
        text = try await refusal(["--data", directory + "/d", "--database", try await PostgresTestServer.createDatabase()])
        #expect(text.contains("holds a SQLite database"), "\(text)")

        // A database that is not Roundtable's.
        let foreign = try await PostgresTestServer.createDatabase()
        try await PostgresTestServer.execute("CREATE TABLE invoices (id integer)", in: foreign)
        text = try await refusal(["--data", directory + "/e", "--database", foreign, "--founders", founders])
        #expect(text.contains("not Roundtable's"), "\(text)")
        #expect(try await PostgresTestServer.tables(in: foreign) == ["invoices"])

        // A URL that cannot be read, or a server that is not there.
        let absent = "postgres://nobody@/x?host=/nonexistent&sslmode=disable"
        text = try await refusal(["--data", directory + "/f", "--database", absent, "--founders", founders])
        #expect(text.contains("cannot connect"), "\(text)")
        text = try await refusal(["--data", directory + "/f", "--database", "mysql://x@y/z"])
        #expect(text.contains("not a postgres:// URL"), "\(text)")
    }

    @Test("roundtable store copy: SQLite to PostgreSQL and back, each copy checked, served, and refused when the destination holds a forum")
    func copiesBothWays() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try TestForum(origin: "127.0.0.1")
        let log = URL(fileURLWithPath: directory + "/node.log")
        let node = try NodeProcess(arguments: ["--data", directory + "/sqlite", "--founders", try founders(forum)], output: log)
        try await node.waitUntilServing()
        var entries: [UInt64: [UInt8]] = [:]
        for sequence in 1...30 {
            let entry = try forum.credentialAct(by: "ee", seq: UInt64(sequence), [.addToken(try TestForum.token("t\(sequence)", sequence))])
            let (status, _) = try await postAct(entry, to: node.url)
            #expect(status == .created)
            entries[UInt64(sequence)] = entry
        }
        // The checkpoint of all 31 entries, which the copy must serve unchanged.
        try await waitUntil { String(decoding: try await getBytes(node.url + "/log/checkpoint").1, as: UTF8.self).split(separator: "\n")[1] == "31" }
        let checkpoint = try await getBytes(node.url + "/log/checkpoint").1
        #expect(node.stop() == 0)

        let roundtable = NodeProcess.executable.path
        let database = try await PostgresTestServer.createDatabase()
        var output = try Tool.run(roundtable, ["store", "copy", "--from", directory + "/sqlite", "--to", database])
        #expect(output.contains("Copied 31 entries") && output.contains("the log replays to the same state"), "\(output)")
        // Again into the same database: refused, and the copy there is unchanged.
        var (status, refused) = try Tool.status(roundtable, ["store", "copy", "--from", directory + "/sqlite", "--to", database])
        #expect(status != 0 && refused.contains("holds a forum already"), "\(refused)")

        // Served from PostgreSQL with the same node key: the same entries and checkpoint.
        try FileManager.default.createDirectory(atPath: directory + "/pg", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: directory + "/sqlite/node.key", toPath: directory + "/pg/node.key")
        let served = try NodeProcess(arguments: ["--data", directory + "/pg", "--database", database], output: log)
        try await served.waitUntilServing()
        #expect(try await getBytes(served.url + "/log/checkpoint").1 == checkpoint)
        for (index, entry) in entries { #expect(try await getBytes(served.url + "/api/v1/acts/\(index)").1 == entry, "entry \(index)") }
        #expect(served.stop() == 0)

        // And back, into the data directory that holds the key.
        output = try Tool.run(roundtable, ["store", "copy", "--from", database, "--to", directory + "/pg"])
        #expect(output.contains("Copied 31 entries") && output.contains("the log replays to the same state"), "\(output)")
        (status, refused) = try Tool.status(roundtable, ["store", "copy", "--from", database, "--to", directory + "/pg"])
        #expect(status != 0 && refused.contains("holds a roundtable.sqlite already"), "\(refused)")
        let back = try NodeProcess(arguments: ["--data", directory + "/pg"], output: log)
        try await back.waitUntilServing()
        for (index, entry) in entries { #expect(try await getBytes(back.url + "/api/v1/acts/\(index)").1 == entry, "entry \(index)") }
        #expect(back.stop() == 0)
    }
}
