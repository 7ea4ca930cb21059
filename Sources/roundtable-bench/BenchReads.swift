import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench reads`: tile and checkpoint requests per second (wrk, keep-alive) against a trivial
/// Hummingbird route in the same run.
struct BenchReads: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reads",
        abstract: "Tile and checkpoint reads per second through HTTP, against a trivial Hummingbird route (needs wrk)."
    )

    @Option(help: "Entries in the log.") var entries = 100_000
    @Option(help: "Seconds per wrk run.") var duration = 8
    @Option(help: "wrk connections.") var connections = 64
    @Option(help: "Runs of each target, interleaved.") var runs = 3
    @Option(help: "The wrk executable.") var wrk = "/usr/bin/wrk"

    func run() async throws {
        let directory = try Bench.temporaryDirectory("reads")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: 1, directory: directory)
        try await Self.fill(bench.forum.store, to: UInt64(entries))
        try await bench.forum.log.integrateAndPublish()
        let trivialPort = bench.port + 1
        print("bench reads: \(Figures.grouped(Double(entries))) entries, wrk -t2 -c\(connections) -d\(duration)s; \(Bench.machine)")
        let targets = [
            ("trivial route", "http://127.0.0.1:\(trivialPort)/"), ("full tile", bench.url + "/log/tile/0/000"),
            ("partial tile", bench.url + "/log/" + (TileLayout.partialTiles(treeSize: UInt64(entries)).first?.path ?? "tile/0/000")),
            ("checkpoint", bench.url + "/log/checkpoint"), ("entry bundle", bench.url + "/log/tile/entries/001"),
        ]
        let results = try await bench.serving(checkpointInterval: .seconds(1)) { [runs] in
            try await Self.servingTrivial(port: trivialPort) {
                var results: [String: [Double]] = [:]
                for run in 0..<runs {
                    for (name, url) in targets {
                        let rate = try Self.wrk(url: url, path: wrk, connections: connections, duration: duration)
                        results[name, default: []].append(rate)
                        print("  run \(run + 1) \(name): \(Figures.grouped(rate)) requests/s")
                    }
                }
                return results
            }
        }
        let baseline = Bench.median(results["trivial route"] ?? [])
        for (name, _) in targets {
            let rate = Bench.median(results[name] ?? [])
            print("median \(name): \(Figures.grouped(rate)) requests/s (\(Int((rate / baseline * 100).rounded()))% of the trivial route)")
        }
    }

    /// Appends opaque filler entries (the log does not interpret entries) so the tree is large.
    static func fill(_ store: SQLiteForumStore, to size: UInt64) async throws {
        var count = try await store.entryCount()
        while count < size {
            let batch = Int(min(10_000, size - count))
            try await store.append((0..<batch).map { ActRecord(entry: Array("filler entry \(count + UInt64($0))".utf8), changes: []) }, at: count)
            count += UInt64(batch)
        }
    }

    static func servingTrivial<T: Sendable>(port: Int, _ body: @Sendable () async throws -> T) async throws -> T {
        let router = Router()
        router.get("/") { _, _ in "ok" }
        var logger = Logger(label: "trivial")
        logger.logLevel = .error
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            try await Task.sleep(for: .milliseconds(300))
            let result = try await body()
            group.cancelAll()
            return result
        }
    }

    static func wrk(url: String, path: String, connections: Int, duration: Int) throws -> Double {
        try requestsPerSecond(Bench.runWrk(path, ["-t2", "-c\(connections)", "-d\(duration)s", url]), url: url)
    }

    /// The requests per second wrk reported for `url`; throws when some answers were not 2xx or 3xx.
    static func requestsPerSecond(_ output: String, url: String) throws -> Double {
        guard output.contains("Non-2xx") == false,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.split(separator: " ").last ?? "")
        else { throw CLIError("wrk failed or got errors for \(url):\n\(output)") }
        return rate
    }
}

