import ArgumentParser
import Crypto
import Foundation
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable bench acts`: signed acts accepted per second through HTTP from concurrent connections (driven by wrk,
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
    @Option(help: "wrk threads; the members are shared among them.") var threads = 2
    @Flag(help: "Also submit acts in-process (no HTTP) from the same number of tasks, to separate HTTP's share.")
    var inProcess = false

    func run() async throws {
        let directory = try Bench.temporaryDirectory("acts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: connections, directory: directory)
        let script = directory + "/acts.lua"
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: script))
        print("bench acts: wrk -t\(threads) -c\(connections) -d\(duration)s, \(connections) members, one act in flight per member; \(Bench.machine)")
        let results = try await bench.serving { [runs, connections, duration, perConnection, wrk, threads] in
            var results: [(acts: Double, verify: Double)] = []
            for run in 0..<runs {
                let verify = Self.singleCoreVerifyRate(sample: try bench.acts(member: "m1", count: 1)[0])
                for member in 1...connections {
                    let first = UInt64(bench.forum.state.members[try .init("m\(member)")]!.lastSequence + 1)
                    let acts = try bench.acts(member: "m\(member)", count: perConnection, firstSequence: first)
                    try Data(acts.map { $0 + [0] }.joined()).write(to: URL(fileURLWithPath: "\(directory)/m\(member).acts"))
                }
                let before = try await bench.forum.store.entryCount()
                let output = try Bench.runWrk(
                    wrk, ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "-s", script, bench.url, "--", directory, "\(threads)", "\(connections)"])
                let accepted = try await bench.forum.store.entryCount() - before
                guard !output.contains("Non-2xx") else { throw CLIError("some acts were refused:\n\(output)") }
                guard accepted < UInt64(connections * perConnection) else { throw CLIError("the run used up its signed acts; raise --per-connection") }
                results.append((Double(accepted) / Double(duration), verify))
                print("  run \(run + 1): \(Bench.format(results.last!.acts)) acts/s; single-core Ed25519 verify \(Bench.format(verify))/s")
            }
            return results
        }
        if inProcess {
            try await measureInProcess(bench)
            let sample = try bench.acts(member: "m1", count: 1, firstSequence: bench.forum.state.members[try .init("m1")]!.lastSequence + 1)[0]
            let state = bench.forum.state
            let count = 20_000
            var accepted = 0
            let seconds = try await Bench.time { for _ in 0..<count where (try? state.verify(entry: sample)) != nil { accepted += 1 } }
            print("parse and verify one act on one core: \(Bench.format(Double(accepted) / seconds))/s")
        }
        let acts = Bench.median(results.map(\.acts))
        let verify = Bench.median(results.map(\.verify))
        print("median: \(Bench.format(acts)) acts/s through HTTP; single-core verify \(Bench.format(verify))/s; ratio \(String(format: "%.2f", acts / verify))")
    }

    private func measureInProcess(_ bench: BenchForum) async throws {
        var rates: [Double] = []
        for _ in 0..<runs {
            var batches: [[[UInt8]]] = []
            for member in 1...connections {
                let first = bench.forum.state.members[try .init("m\(member)")]!.lastSequence + 1
                batches.append(try bench.acts(member: "m\(member)", count: perConnection / 4, firstSequence: first))
            }
            let seconds = try await Bench.time {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for acts in batches { group.addTask { for act in acts { _ = try await bench.forum.submit(act) } } }
                    try await group.waitForAll()
                }
            }
            rates.append(Double(connections * (perConnection / 4)) / seconds)
        }
        print("in-process (no HTTP), \(connections) tasks: median \(Bench.format(Bench.median(rates))) acts/s")
    }

    /// wrk's threads share the members; a member's next act is sent only after its previous one was answered, so
    /// each member's acts arrive in sequence order whichever connection carries them.
    static let script = """
        local counter = 0
        function setup(thread)
          counter = counter + 1
          thread:set("part", counter)
        end
        function init(args)
          local threads, members = tonumber(args[2]), tonumber(args[3])
          queues, ready = {}, {}
          for m = part, members, threads do
            local name = "m" .. m
            local file = io.open(args[1] .. "/" .. name .. ".acts", "rb")
            queues[name] = { data = file:read("*all"), position = 1 }
            file:close()
            table.insert(ready, name)
          end
          headers = { ["Content-Type"] = "text/plain; charset=utf-8" }
        end
        function request()
          local name = table.remove(ready)
          if not name then return wrk.format("GET", "/healthz") end
          local queue = queues[name]
          local stop = string.find(queue.data, "\\0", queue.position, true)
          if not stop then return wrk.format("GET", "/healthz") end
          local body = string.sub(queue.data, queue.position, stop - 1)
          queue.position = stop + 1
          return wrk.format("POST", "/api/v1/acts", headers, body)
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
        return valid == count ? Double(count) / Bench.seconds(ContinuousClock.now - start) : 0
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
