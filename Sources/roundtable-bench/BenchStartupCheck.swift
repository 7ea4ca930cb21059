import ArgumentParser
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench startup-check`: how long a node takes at start to match its stored entries against its own
/// tiles and latest checkpoint, against the integration that built those tiles as the baseline.
struct BenchStartupCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup-check",
        abstract: "Entries matched per second by the start-up check of a node's log against its tree and checkpoint."
    )

    @Option(help: "Entries in the log.") var entries = 1_000_000
    @Option(help: "Bytes per entry (a signed act is 250-400 bytes).") var size = 320
    @Option(help: "Runs of the check.") var runs = 3
    @Option(help: "Keep the database here and reuse it on the next run (default: a temporary directory).") var data: String?

    func run() async throws {
        let directory = try data ?? Bench.temporaryDirectory("startup-check")
        defer { if data == nil { try? FileManager.default.removeItem(atPath: directory) } }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        print("bench startup-check: \(Figures.grouped(Double(entries))) entries of \(size) bytes; \(Bench.machine)")
        let store = try SQLiteForumStore(path: directory + "/bench.sqlite")
        let filled = try await fill(store)
        if filled > 0 { print("  filled \(Figures.grouped(Double(filled))) entries") }
        let integration = try await Bench.time { try await LogIntegrator(storage: store).integrate() }
        if try await store.latestCheckpoint() == nil {
            let signer = try NoteSigner.generate(name: "bench.test/log")
            _ = try await CheckpointPublisher(storage: store, signer: signer).publish()
        }
        if filled > 0 {
            print(
                "  integration (the baseline): \(Figures.grouped(Double(entries) / integration)) entries/s, \(String(format: "%.1f", integration)) s"
            )
        }
        var times: [Double] = []
        for run in 0..<runs {
            var checked: UInt64 = 0
            times.append(try await Bench.time { checked = try await StoredTreeCheck(storage: store).run() })
            print(
                "  run \(run + 1): \(Figures.grouped(Double(checked))) entries checked in \(String(format: "%.1f", times.last!)) s, "
                    + "\(Figures.grouped(Double(checked) / times.last!)) entries/s"
            )
        }
        let median = Bench.median(times)
        print(
            "median: \(String(format: "%.1f", median)) s for \(Figures.grouped(Double(entries))) entries, "
                + "\(Figures.grouped(Double(entries) / median)) entries/s"
        )
    }

    /// Appends entries of `size` bytes up to `entries`, in large durable transactions.
    private func fill(_ store: SQLiteForumStore) async throws -> UInt64 {
        let start = try await store.entryCount()
        var count = start
        let target = UInt64(entries)
        while count < target {
            let batch = Int(min(50_000, target - count))
            let records = (0..<batch).map { offset in
                let index = count + UInt64(offset)
                var entry = Array("entry \(index)\n".utf8)
                entry += (entry.count..<size).map { UInt8(truncatingIfNeeded: UInt64($0) &* 31 &+ index) % 26 + 0x61 }
                return ActRecord(entry: entry, changes: [])
            }
            try await store.append(records, at: count)
            count += UInt64(batch)
        }
        return count - start
    }
}
