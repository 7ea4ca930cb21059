import ArgumentParser
import Foundation
import Logging
import RoundtableClient
import RoundtableDataDirectory
import RoundtableDomain
import RoundtableNode
import RoundtableStoragePostgres
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable store copy`: copies a forum from a data directory's SQLite file to a PostgreSQL database, or back, and
/// proves the copy.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a forum between a data directory's SQLite file and a PostgreSQL database, and check the copy.",
        discussion: """
            Stop the node first: the copy reads the source while nothing writes to it. The destination must hold no forum \
            (a new database made with createdb, or a data directory without roundtable.sqlite). The data directory keeps the \
            node key either way. The copy is then checked: the same entries, tree, latest checkpoint and saved state, and a \
            node opened on each store checks every entry against the log's tree and replays the log to the same state.

            Examples:
              roundtable store copy --from ./roundtable-data --to postgres://roundtable@db.example/forum
              (then move roundtable-data/roundtable.sqlite away and run: roundtable serve --data ./roundtable-data --database postgres://…)
              roundtable store copy --from postgres://roundtable@db.example/forum --to ./roundtable-data
            """
    )

    @Option(help: "What to copy: a data directory (its roundtable.sqlite), or a postgres:// URL.")
    var from: String

    @Option(help: "Where to copy it: a postgres:// URL, or a data directory.")
    var to: String

    func run() async throws {
        var logger = Logger(label: "roundtable")
        logger.logLevel = .warning
        switch (PostgresURL.isURL(from), PostgresURL.isURL(to)) {
        case (false, true):
            let directory = try DataDirectory(path: from)
            guard FileManager.default.fileExists(atPath: directory.databasePath) else {
                throw CLIError("\(from) holds no \(DataDirectory.databaseFileName) to copy")
            }
            let (signer, source) = try directory.open(keyName: "unused")
            let destination = try await open(to)
            defer { destination.close() }
            try await copy(from: source, to: destination, signer: signer, logger: logger)
            print("The node key stays in \(from). To serve from PostgreSQL, move \(directory.databasePath) away, then run:")
            print("  roundtable serve --data \(from) --database '\(PostgresURL.redacted(to))'")
        case (true, false):
            let directory = try DataDirectory(path: to)
            let source = try await open(from)
            defer { source.close() }
            let (signer, destination) = try directory.openNewDatabase()
            do {
                try await copy(from: source, to: destination, signer: signer, logger: logger)
            } catch {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory.databasePath + suffix) }
                throw error
            }
            print("To serve from SQLite: roundtable serve --data \(to)")
        default:
            throw ValidationError("copy between a data directory and a postgres:// URL, one each way (pg_dump copies one database to another)")
        }
    }

    private func open(_ url: String) async throws -> PostgresForumStore {
        do { return try await PostgresForumStore.open(try PostgresURL(url)) } catch { throw CLIError("\(error)") }
    }

    private func copy(from source: some StoreCopying, to destination: some StoreCopying, signer: NoteSigner, logger: Logger) async throws {
        var reported: [String: Int] = [:]
        let summary: StoreCopySummary
        do {
            summary = try await StoreCopy(from: source, to: destination, nodeSigner: signer, logger: logger).run { table, count in
                // Progress on long tables: every 100,000 rows.
                if count / 100_000 > (reported[table] ?? 0) / 100_000 { print("  \(table): \(count)…") }
                reported[table] = count
            }
        } catch let failure as StoreCopyError {
            throw CLIError("the copy failed: \(failure.description)")
        }
        print("Copied \(summary.entries) entries and \(summary.rows.values.reduce(0, +)) rows:")
        for table in StoreTable.allCases where (summary.rows[table] ?? 0) > 0 { print("  \(table.rawValue): \(summary.rows[table]!)") }
        if let tree = summary.tree {
            print("Checked: tree of \(tree.size) entries, root \(tree.root), latest checkpoint and saved state equal the source's;")
            print("the log replays to the same state.")
        }
    }
}
