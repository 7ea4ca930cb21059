import ArgumentParser
import Crypto
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench acts`: signed acts accepted per second through HTTP from concurrent connections (driven by wrk,
/// one act in flight per member), against the single-core Ed25519 verification rate measured in the same run.
struct BenchActs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acts",
        abstract: "Signed acts per second through POST /api/v1/acts with concurrent connections (needs wrk)."
    )

    @Option(help: "Concurrent connections, one member each.") var connections = 64
    @Option(help: "Seconds per run.") var duration = 5
    @Option(help: "Acts signed in advance per member per run (more than a run can send).") var perConnection = 1500
    @Option(help: "Runs.") var runs = 3
    @Option(help: "The wrk executable.") var wrk = "/usr/bin/wrk"
    @Option(help: "wrk threads; the members are shared among them. One thread leaves the node the most of the two cores.")
    var threads = 1
    @Option(
        help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench), to compare two builds in one session."
    )
    var node: String?
    @Flag(help: "Also submit acts in-process (no HTTP) from the same number of tasks, to separate HTTP's share.")
    var inProcess = false
    @Option(
        help: """
            Also run a node on PostgreSQL: the cluster's maintenance database (postgres://USER@/postgres?host=DIR), in which a new \
            database is made; its runs alternate with the SQLite node's.
            """)
    var postgres: String?

    func run() async throws {
        let directory = try Bench.temporaryDirectory("acts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/acts.lua"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: script))
        print(
            "bench acts: wrk -t\(threads) -c\(connections) -d\(duration)s, \(connections) members, one act in flight per member; node: roundtable "
                + "serve; \(Bench.machine)"
        )
        if let postgres {
            try await comparePostgres(postgres, directory: directory, script: script)
            return
        }
        let node = try await BenchNodeProcess(members: connections, directory: directory, executable: self.node)
        defer { node.stop() }
        var results: [(acts: Double, verify: Double, cpu: Double)] = []
        for run in 0..<runs {
            let acts = try await node.acts(count: perConnection)
            let verify = Self.singleCoreVerifyRate(sample: acts["m1"]![0])
            for (member, memberActs) in acts {
                try Data(memberActs.map { $0 + [0] }.joined()).write(to: URL(fileURLWithPath: "\(directory)/\(member).acts"))
            }
            let before = try await node.memberActCount()
            let cpuBefore = Bench.cpuSeconds(pid: node.process.processIdentifier) ?? 0
            let output = try Bench.runWrk(
                wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "-s", script, node.url, "--", directory, "\(threads)", "\(connections)"])
            let cpu = (Bench.cpuSeconds(pid: node.process.processIdentifier) ?? 0) - cpuBefore
            let accepted = try await node.memberActCount() - before
            guard !output.contains("Non-2xx") else { throw CLIError("some acts were refused:\n\(output)") }
            guard accepted < UInt64(connections * perConnection) else { throw CLIError("the run used up its signed acts; raise --per-connection") }
            results.append((Double(accepted) / Double(duration), verify, cpu * 1e6 / Double(max(accepted, 1))))
            print(
                "  run \(run + 1): \(Figures.grouped(results.last!.acts)) acts/s; node CPU \(Figures.grouped(results.last!.cpu)) µs per act; "
                    + "single-core Ed25519 verify \(Figures.grouped(verify))/s"
            )
        }
        node.stop()
        if inProcess {
            let bench = try await BenchForum(members: connections, directory: directory)
            try await measureInProcess(bench)
            let sample = try bench.acts(member: "m1", count: 1)[0]
            let state = bench.forum.state
            let count = 20_000
            var accepted = 0
            let seconds = await Bench.time { for _ in 0..<count where (try? state.verify(entry: sample)) != nil { accepted += 1 } }
            print("parse and verify one act on one core: \(Figures.grouped(Double(accepted) / seconds))/s")
        }
        let acts = Bench.median(results.map(\.acts))
        let verify = Bench.median(results.map(\.verify))
        let cpu = Bench.median(results.map(\.cpu))
        print(
            "median: \(Figures.grouped(acts)) acts/s through HTTP; node CPU \(Figures.grouped(cpu)) µs per act; single-core verify "
                + "\(Figures.grouped(verify))/s; ratio \(String(format: "%.2f", acts / verify))"
        )
    }

    /// Runs of a SQLite node and a PostgreSQL node, alternately, on the same machine.
    private func comparePostgres(_ maintenance: String, directory: String, script: String) async throws {
        let database = try await BenchPostgres.createDatabase(maintenance: maintenance)
        print("  PostgreSQL: synchronous_commit \(try await BenchPostgres.synchronousCommit(database)), one database per node, same cluster")
        try FileManager.default.createDirectory(atPath: directory + "/sqlite", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/postgres", withIntermediateDirectories: true)
        let nodes = [
            ("SQLite", try await BenchNodeProcess(members: connections, directory: directory + "/sqlite", executable: node)),
            (
                "PostgreSQL",
                try await BenchNodeProcess(members: connections, directory: directory + "/postgres", executable: node, database: database)
            ),
        ]
        defer { for (_, node) in nodes { node.stop() } }
        var rates: [String: [Double]] = [:]
        for run in 0..<runs {
            for (name, node) in nodes {
                let acts = try await node.acts(count: perConnection)
                for (member, memberActs) in acts {
                    try Data(memberActs.map { $0 + [0] }.joined()).write(to: URL(fileURLWithPath: "\(directory)/\(member).acts"))
                }
                let before = try await node.memberActCount()
                let cpuBefore = Bench.cpuSeconds(pid: node.process.processIdentifier) ?? 0
                let output = try Bench.runWrk(
                    wrk,
                    ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "-s", script, node.url, "--", directory, "\(threads)", "\(connections)"])
                let cpu = (Bench.cpuSeconds(pid: node.process.processIdentifier) ?? 0) - cpuBefore
                try await Task.sleep(for: .milliseconds(300))
                let accepted = try await node.memberActCount() - before
                guard !output.contains("Non-2xx") else { throw CLIError("some acts were refused:\n\(output)") }
                let rate = Double(accepted) / Double(duration)
                rates[name, default: []].append(rate)
                let perAct = Figures.grouped(cpu * 1e6 / Double(max(accepted, 1)))
                print("  run \(run + 1), \(name): \(Figures.grouped(rate)) acts/s; node CPU \(perAct) µs per act")
            }
        }
        let sqlite = Bench.median(rates["SQLite"]!)
        let postgres = Bench.median(rates["PostgreSQL"]!)
        print(
            "median: SQLite \(Figures.grouped(sqlite)) acts/s, PostgreSQL \(Figures.grouped(postgres)) acts/s through HTTP; "
                + "ratio \(String(format: "%.2f", postgres / sqlite))")
    }

    private func measureInProcess(_ bench: BenchForum) async throws {
        var rates: [Double] = []
        for _ in 0..<runs {
            var batches: [[[UInt8]]] = []
            for member in 1...connections { batches.append(try bench.acts(member: "m\(member)", count: perConnection / 4)) }
            let seconds = try await Bench.time {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for acts in batches { group.addTask { for act in acts { _ = try await bench.forum.submit(act) } } }
                    try await group.waitForAll()
                }
            }
            rates.append(Double(connections * (perConnection / 4)) / seconds)
        }
        print("in-process (no HTTP), \(connections) tasks: median \(Figures.grouped(Bench.median(rates))) acts/s")
    }

    /// wrk's threads share the members; a member's next act is sent only after its previous one was answered, so
    /// each member's acts arrive in sequence order whichever connection carries them. The requests are formatted
    /// before the run, so that the load generator takes as little as it can of the two cores the node runs on.
    static let script = """
        local counter = 0
        function setup(thread)
          counter = counter + 1
          thread:set("part", counter)
        end
        function init(args)
          local threads, members = tonumber(args[2]), tonumber(args[3])
          local headers = { ["Content-Type"] = "text/plain; charset=utf-8" }
          queues, ready = {}, {}
          idle = wrk.format("GET", "/healthz")
          for m = part, members, threads do
            local name = "m" .. m
            local file = io.open(args[1] .. "/" .. name .. ".acts", "rb")
            local data = file:read("*all")
            file:close()
            local requests, position = {}, 1
            while true do
              local stop = string.find(data, "\\0", position, true)
              if not stop then break end
              table.insert(requests, wrk.format("POST", "/api/v1/acts", headers, string.sub(data, position, stop - 1)))
              position = stop + 1
            end
            queues[name] = { requests = requests, next = 1 }
            table.insert(ready, name)
          end
        end
        function request()
          local name = table.remove(ready)
          if not name then return idle end
          local queue = queues[name]
          local request = queue.requests[queue.next]
          if not request then return idle end
          queue.next = queue.next + 1
          return request
        end
        function response(status, headers, body)
          local name = string.match(body, '"by":"(m%d+)"')
          if name and status == 201 then table.insert(ready, name) end
          if status >= 300 and not reported then
            reported = true
            io.stderr:write("HTTP " .. status .. " " .. body .. "\\n")
          end
        end
        """

    /// Ed25519 verifications per second on one core, over the text of a real act.
    static func singleCoreVerifyRate(sample: [UInt8]) -> Double {
        let count = 20_000
        let start = ContinuousClock.now
        let valid = verifications(sample: sample, count: count)
        return valid == count ? Double(count) / Figures.seconds(ContinuousClock.now - start) : 0
    }

    /// Verifies a signature over the text of a real act `count` times; returns how many verified.
    static func verifications(sample: [UInt8], count: Int) -> Int {
        guard let note = try? SignedNote(parsing: sample) else { return 0 }
        let key = Curve25519.Signing.PrivateKey()
        let message = Array(note.text.utf8)
        guard let signature = try? key.signature(for: message) else { return 0 }
        let publicKey = key.publicKey
        var valid = 0
        for _ in 0..<count where publicKey.isValidSignature(signature, for: message) { valid += 1 }
        return valid
    }
}
