import ArgumentParser
import Foundation
import GRDB
import RoundtableClient
import RoundtableDomain
import RoundtableStorageSQLite
import Synchronization
import TransparencyLog

/// `roundtable-bench append`: durable in-process appends through the log's batching sequencer, against a plain
/// batched SQLite insert of the same rows.
struct BenchAppend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append",
        abstract: "Durable appends per second (1 KiB entries) against a plain batched SQLite insert."
    )

    @Option(help: "Entries per run.") var entries = 200_000
    @Option(help: "Bytes per entry.") var size = 1024
    @Option(help: "Concurrent submitters.") var submitters = 16_384
    @Option(help: "Most entries per durable transaction.") var batch = 16_384
    @Option(help: "Runs of each kind, interleaved.") var runs = 3

    func run() async throws {
        let directory = try Bench.temporaryDirectory("append")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let payload = (0..<entries).map { index in (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) } }
        print(
            "bench append: \(Figures.grouped(Double(entries))) entries of \(size) bytes, \(submitters) submitters, batches ≤ \(batch); "
                + "\(Bench.machine)"
        )
        var plain: [Double] = []
        var appended: [Double] = []
        var integrated: [Double] = []
        for run in 0..<runs {
            let baseline = try await plainInsert(payload, path: "\(directory)/plain-\(run).sqlite")
            let (append, integrate, commits) = try await logAppend(payload, path: "\(directory)/log-\(run).sqlite")
            plain.append(Double(entries) / baseline)
            appended.append(Double(entries) / append)
            integrated.append(Double(entries) / integrate)
            print(
                "  run \(run + 1): plain insert \(Figures.grouped(plain.last!))/s, log append \(Figures.grouped(appended.last!))/s "
                    + "(\(commits) durable commits, \(Figures.grouped(Double(entries) / Double(commits))) entries each, "
                    + "\(Figures.grouped(Double(commits) / append)) commits/s), integration \(Figures.grouped(integrated.last!))/s")
        }
        let ratio = Bench.median(appended) / Bench.median(plain)
        print(
            "median: log append \(Figures.grouped(Bench.median(appended))) entries/s; plain batched insert \(Figures.grouped(Bench.median(plain))) "
                + "rows/s; ratio \(String(format: "%.2f", ratio)); integration \(Figures.grouped(Bench.median(integrated))) entries/s"
        )
    }

    /// The baseline: the same rows inserted in transactions of `batch` rows with a prepared statement.
    private func plainInsert(_ payload: [[UInt8]], path: String) async throws -> Double {
        // Durable like the store: synchronous = FULL on the writer.
        let pool = try DurablePool.open(path: path)
        try await pool.write { try $0.execute(sql: "CREATE TABLE entry (idx INTEGER PRIMARY KEY, data BLOB NOT NULL)") }
        return try await Bench.time {
            var start = 0
            while start < payload.count {
                let end = min(payload.count, start + batch)
                try await pool.write { [start] db in
                    let insert = try db.cachedStatement(sql: "INSERT INTO entry (idx, data) VALUES (?, ?)")
                    for index in start..<end { try insert.execute(arguments: [Int64(index), Data(payload[index])]) }
                }
                start = end
            }
        }
    }

    /// The log's path: concurrent submitters, an append batcher, one durable transaction per batch.
    private func logAppend(_ payload: [[UInt8]], path: String) async throws -> (append: Double, integrate: Double, commits: Int) {
        let store = try SQLiteForumStore(path: path)
        let next = Mutex<UInt64>(0)
        let commits = Mutex(0)
        let batcher = AppendBatcher<[UInt8], UInt64>(maximumBatchSize: batch) { items in
            do {
                let first = next.withLock { $0 }
                try await store.append(items.map { ActRecord(entry: $0, changes: []) }, at: first)
                next.withLock { $0 = first + UInt64(items.count) }
                commits.withLock { $0 += 1 }
                return (0..<items.count).map { .success(first + UInt64($0)) }
            } catch {
                return items.map { _ in .failure(error) }
            }
        }
        let perSubmitter = (payload.count + submitters - 1) / submitters
        let append = try await Bench.time {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for submitter in 0..<submitters {
                    group.addTask {
                        let start = min(payload.count, submitter * perSubmitter)
                        for index in start..<min(payload.count, start + perSubmitter) { _ = try await batcher.submit(payload[index]) }
                    }
                }
                try await group.waitForAll()
            }
        }
        guard try await store.entryCount() == UInt64(payload.count) else { throw CLIError("the log holds the wrong number of entries") }
        let integrate = try await Bench.time { try await LogIntegrator(storage: store).integrate() }
        return (append, integrate, commits.withLock { $0 })
    }
}
