import ArgumentParser
import Crypto
import Foundation
import Logging
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench audit`: how long `roundtable audit` takes on a forum of 193 members that decided 1,000
/// proposals by recorded ballot, every member voting on each, against the Ed25519 verification rate of one core and
/// of every core measured in the same run.
struct BenchAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Time roundtable audit on a forum of N members and P proposals with every member voting."
    )

    @Option(help: "Members (the UN has 193).") var members = 193
    @Option(help: "Proposals, each decided by a recorded ballot with every member voting.") var proposals = 1000
    @Option(help: "Audit runs.") var runs = 3

    func run() async throws {
        let directory = try Bench.temporaryDirectory("audit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: members, directory: directory, rules: BenchGovernance.rules)
        print("bench audit: \(members) members, \(proposals) proposals, every member voting on each; \(Bench.machine)")
        let building = try await Bench.time { try await BenchGovernance.decide(proposals: proposals, members: members, in: bench) }
        let size = try await bench.forum.store.entryCount()
        _ = try await bench.forum.log.integrateAndPublish()
        print("  built the record: \(Figures.grouped(Double(size))) signed acts in \(String(format: "%.1f", building)) s")
        // What a restart costs: the node replays its whole log to rebuild members, rules and every proposal.
        let reopening = try await Bench.time {
            _ = try await ForumNode.open(
                store: try SQLiteForumStore(path: directory + "/bench.sqlite"), nodeSigner: bench.forum.nodeSigner, origin: bench.origin,
                founding: nil, logger: Logger(label: "bench"))
        }
        print("  a node reopening this store replays it in \(String(format: "%.2f", reopening)) s")

        let sample = try await bench.forum.store.entry(at: size - 10)!
        let logKey = bench.forum.log.signer.verifier
        let results = try await bench.serving(checkpointInterval: nil) { [runs, proposals, url = bench.url] in
            var results: [(seconds: Double, one: Double, all: Double)] = []
            for run in 0..<runs {
                let one = BenchActs.singleCoreVerifyRate(sample: sample)
                let before = await Self.allCoresVerifyRate(sample: sample)
                let client = LogClient(fetcher: HTTPLogFetcher(prefix: url + "/log"), logKey: logKey)
                var report: ForumAuditor.Report?
                let seconds = try await Bench.time { report = try await ForumAuditor(client: client, batchSize: 8192).audit { _ in } }
                guard let report, report.problems.isEmpty, report.state?.governance.proposals.count == proposals else {
                    throw CLIError("the audit did not pass: \(report?.summary ?? "no report")")
                }
                // The machine is shared: the all-cores rate is taken just before and just after the audit.
                let all = (before + (await Self.allCoresVerifyRate(sample: sample))) / 2
                results.append((seconds, one, all))
                print(
                    "  run \(run + 1): audit \(String(format: "%.2f", seconds)) s, \(Figures.grouped(Double(size) / seconds)) acts/s; "
                        + "Ed25519 verify \(Figures.grouped(one))/s on one core, \(Figures.grouped(all))/s on all cores; "
                        + "ratio \(String(format: "%.2f", Double(size) / seconds / all)) to all cores")
            }
            return results
        }
        let seconds = Bench.median(results.map(\.seconds))
        let rate = Double(size) / seconds
        let ratio = Bench.median(results.map { Double(size) / $0.seconds / $0.all })
        print(
            "median: audit of \(Figures.grouped(Double(size))) acts in \(String(format: "%.2f", seconds)) s = \(Figures.grouped(rate)) acts/s; "
                + "verify \(Figures.grouped(Bench.median(results.map(\.one))))/s one core, \(Figures.grouped(Bench.median(results.map(\.all))))/s "
                    + "all cores; "
                + "median ratio to all cores \(String(format: "%.2f", ratio)) (goal 0.70)")
    }

    /// Ed25519 verifications per second with one task per core: all verifications over the wall-clock time.
    static func allCoresVerifyRate(sample: [UInt8]) async -> Double {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let count = 20_000
        let start = ContinuousClock.now
        let valid = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<cores { group.addTask { BenchActs.verifications(sample: sample, count: count) } }
            return await group.reduce(0, +)
        }
        return valid == cores * count ? Double(valid) / Figures.seconds(ContinuousClock.now - start) : 0
    }
}
