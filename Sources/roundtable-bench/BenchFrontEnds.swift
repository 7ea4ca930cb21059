import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableClient

/// `roundtable-bench front-ends`: reads per second (wrk, keep-alive) of one front-end held to CPU 0 against two
/// front-ends on the same PostgreSQL database held to CPUs 0 and 1 (`taskset`). The load generator and PostgreSQL are
/// held to no CPU: on a machine of two cores they share both with the front-ends, so the figure indicates what a
/// second machine adds, and does not measure it.
struct BenchFrontEnds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "front-ends",
        abstract: "Reads per second of one front-end on one CPU against two on one PostgreSQL database, one CPU each (needs wrk, taskset)."
    )

    @Option(help: "The PostgreSQL cluster's maintenance database (postgres://USER@/postgres?host=DIR); a new database is made in it.")
    var postgres: String
    @Option(help: "Seconds per wrk run.") var duration = 8
    @Option(help: "wrk connections in all, half from each of two wrk processes of one thread.") var connections = 64
    @Option(help: "Runs of each target and setup, interleaved.") var runs = 3
    @Option(help: "The wrk executable.") var wrk = "/usr/bin/wrk"
    @Option(help: "The roundtable executable (default: the one built beside roundtable-bench).") var node: String?

    func run() async throws {
        for tool in [wrk, "/usr/bin/taskset"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw CLIError("\(tool) not found: install wrk ('apt-get install wrk') and util-linux")
        }
        let directory = try Bench.temporaryDirectory("front-ends")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await BenchPostgres.createDatabase(maintenance: postgres)
        let first = try await BenchNodeProcess(members: 8, directory: directory, executable: node, database: database, cpus: "0")
        defer { first.stop() }
        // 256 acts and more, so that the first tile of level 0 is full (and no longer changes).
        let acts = try await first.acts(count: 33)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for notes in acts.values {
                group.addTask {
                    for note in notes {
                        let reply = try await NodeHTTP.postAct(note, node: first.url)
                        guard reply.status == .created else { throw CLIError("the node refused an act: \(reply.text)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        let second = try await FrontEndProcess.start(
            name: "b", directory: directory, database: database, nodeKey: directory + "/node/node.key", executable: node, cpus: "1")
        defer { second.stop() }
        for url in [first.url, second.url] {
            try await BenchFailover.wait(limit: 30) { (try? await NodeHTTP.get(url + "/log/tile/0/000").status) == .ok }
        }
        print(
            "bench front-ends: one front-end on CPU 0, against two on one PostgreSQL database on CPUs 0 and 1 (taskset); 2 wrk processes "
                + "-t1 -c\(connections / 2) -d\(duration)s, on no CPU in particular, like PostgreSQL; \(Bench.machine)")
        let targets = [("forum description (one query)", "/api/v1/forum"), ("full tile (static, cached)", "/log/tile/0/000")]
        var results: [String: [Double]] = [:]
        for run in 0..<runs {
            for (name, path) in targets {
                for (setup, urls) in [("one front-end", [first.url, first.url]), ("two front-ends", [first.url, second.url])] {
                    let pids = [first.process.processIdentifier, second.process.processIdentifier]
                    let before = pids.map { Bench.cpuSeconds(pid: $0) ?? 0 }
                    let rate = try readRate(urls.map { $0 + path })
                    let busy = zip(pids, before).map { "\(Int(((Bench.cpuSeconds(pid: $0) ?? 0) - $1) / Double(duration) * 100))%" }
                    results[name + ", " + setup, default: []].append(rate)
                    print(
                        "  run \(run + 1) \(name), \(setup): \(Figures.grouped(rate)) requests/s; "
                            + "front-ends' CPU (of one core): \(busy.joined(separator: ", "))")
                }
            }
        }
        for (name, _) in targets {
            let one = Bench.median(results[name + ", one front-end"]!)
            let two = Bench.median(results[name + ", two front-ends"]!)
            print(
                "median \(name): one front-end \(Figures.grouped(one)) requests/s, two front-ends \(Figures.grouped(two)) requests/s; "
                    + "ratio \(String(format: "%.2f", two / one))")
        }
    }

    /// The requests per second of two wrk processes run side by side, one on each URL.
    private func readRate(_ urls: [String]) throws -> Double {
        let outputs = try Bench.runTogether(wrk, urls.map { ["-t1", "-c\(connections / 2)", "-d\(duration)s", $0] })
        return try zip(outputs, urls).map { try BenchReads.requestsPerSecond($0.output, url: $1) }.reduce(0, +)
    }
}
