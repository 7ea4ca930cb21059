import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// `roundtable-bench witnesses`: the time from an acknowledged act to a served checkpoint that includes it and carries
/// the witnesses' quorum, with five member witnesses as separate processes, against the same node's time to its own
/// signed checkpoint before any witness was registered.
struct BenchWitnesses: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witnesses",
        abstract: "Time from an acknowledged act to a checkpoint with the quorum of 5 member witnesses' cosignatures (p50, p99)."
    )

    @Option(help: "Acts per second to submit.") var rate = 20
    @Option(help: "Seconds to submit for, in each phase.") var seconds = 30
    @Option(help: "How many member witnesses, each its own process.") var witnesses = 5
    @Option(help: "How many of them to freeze (SIGSTOP) once registered: they accept connections and never answer.") var hung = 0
    @Option(help: "The roundtable executable to run (default: the one built beside this one).") var node: String?

    func run() async throws {
        let directory = try Bench.temporaryDirectory("witnesses")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let forum = try await BenchNodeProcess(members: witnesses, directory: directory, executable: node)
        defer { forum.stop() }
        let logKey = try NoteVerifier(
            parsing: String(decoding: try await NodeHTTP.get(forum.url + "/log/vkey").body, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        print("bench witnesses: \(rate) acts/s for \(seconds) s per phase, checkpoint interval 1 s, \(witnesses) witnesses; \(Bench.machine)")
        let alone = try await Self.measure(forum, acts: try await forum.acts(count: rate * seconds / witnesses + 2), rate: rate, seconds: seconds) {
            _ in true
        }
        print("  the node's own checkpoint, before any witness: " + Self.describe(alone))

        let started = try await Self.startWitnesses(witnesses, directory: directory, logKey: logKey, node: node)
        defer { for process in started.processes { process.terminate(); process.waitUntilExit() } }
        for (index, member) in forum.keys.keys.sorted().enumerated() {
            let memberID = try MemberID(member)
            let next = try await forum.members()[member]!.nextSeq
            let act = Act(
                origin: forum.origin, actor: .member(memberID), sequence: next,
                body: .credential([.addWitness(started.keys[index], url: started.urls[index])]))
            let reply = try await NodeHTTP.postAct(try act.signed(by: [forum.keys[member]!]).bytes, node: forum.url)
            guard reply.status == .created else { throw CLIError("the node refused \(member)'s witness: \(reply.text)") }
        }
        for process in started.processes.suffix(hung) { kill(process.processIdentifier, SIGSTOP) }
        defer { for process in started.processes.suffix(hung) { kill(process.processIdentifier, SIGCONT) } }
        // The acts measured next follow the registrations in each member's sequence.
        let next = try await forum.acts(count: rate * seconds / witnesses + 2)
        let names = started.keys.map(\.name)
        let policy = try WitnessPolicy(
            logs: [.init(key: logKey)], witnesses: started.keys.map { .init(name: $0.name, key: $0) },
            groups: [.init(name: "members", threshold: .count(witnesses / 2 + 1), members: names)], quorum: "members")
        let cosigned = try await Self.measure(forum, acts: next, rate: rate, seconds: seconds) { note in
            policy.report(on: note).satisfied
        }
        print("  a checkpoint cosigned by \(witnesses / 2 + 1) of \(witnesses) witnesses (\(hung) frozen): " + Self.describe(cosigned))
        func milliseconds(_ values: [Double], _ p: Double) -> Int { Bench.milliseconds(Bench.percentile(values, p)) }
        print(
            "p50 \(milliseconds(cosigned, 0.5)) ms, p99 \(milliseconds(cosigned, 0.99)) ms "
                + "(node alone: p50 \(milliseconds(alone, 0.5)) ms, p99 \(milliseconds(alone, 0.99)) ms)")
    }

    static func describe(_ latencies: [Double]) -> String {
        "\(latencies.count) acts; p50 \(Bench.milliseconds(Bench.percentile(latencies, 0.5))) ms, p99 "
            + "\(Bench.milliseconds(Bench.percentile(latencies, 0.99))) ms, max \(Bench.milliseconds(latencies.max() ?? 0)) ms"
    }

    /// Submits acts round-robin over the members at `rate` for `seconds`, and returns, for each, the time to the first
    /// served checkpoint that includes it and that `counts`.
    static func measure(
        _ forum: BenchNodeProcess, acts: [String: [[UInt8]]], rate: Int, seconds: Int,
        counts: @escaping @Sendable (SignedNote) -> Bool
    ) async throws -> [Double] {
        let members = acts.keys.sorted()
        let total = rate * seconds
        let record = LatencyRecord()
        let url = forum.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await BenchLatency.watch(url, record: record, counts: counts) }
            var next = ContinuousClock.now
            var highest: UInt64 = 0
            for number in 0..<total {
                try await Task.sleep(until: next, clock: .continuous)
                next += .seconds(1) / rate
                // One member's acts in sequence order: a member's next act waits for its previous acknowledgement.
                let act = acts[members[number % members.count]]![number / members.count]
                let index = try await BenchLatency.post(act, to: url)
                record.acknowledge(index)
                highest = max(highest, index)
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while record.publishedSize <= highest, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            record.finish()
            try await group.waitForAll()
        }
        let checkpoints = record.published
        return record.acknowledged.compactMap { ack in
            checkpoints.first { $0.size > ack.index }.map { max(0, Figures.seconds($0.at - ack.at)) }
        }
    }

    /// Starts `count` witnesses as `roundtable witness serve` processes on ports of their own, trusting the log.
    static func startWitnesses(
        _ count: Int, directory: String, logKey: NoteVerifier, node: String?
    ) async throws -> (processes: [Process], keys: [CosignatureVerifier], urls: [String]) {
        let executable = try Bench.nodeExecutable(node)
        var processes: [Process] = [], keys: [CosignatureVerifier] = [], urls: [String] = []
        for number in 1...count {
            let data = "\(directory)/witness-\(number)"
            let printed = try run(executable, ["keygen", "--witness", "--name", "witness-\(number).bench", "--out", data + ".key"])
            keys.append(try CosignatureVerifier(parsing: printed.trimmingCharacters(in: .whitespacesAndNewlines)))
            _ = try run(executable, ["witness", "add-log", "--data", data, "--vkey", logKey.description])
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["witness", "serve", "--key", data + ".key", "--data", data, "--port", "0", "--port-file", data + ".port"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.environment = ProcessInfo.processInfo.environment.merging(["LOG_LEVEL": "error"]) { $1 }
            try process.run()
            processes.append(process)
            var port: Int?
            for _ in 0..<600 where port == nil {
                let text = try? String(contentsOfFile: data + ".port", encoding: .utf8)
                port = text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
                if port == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            guard let port else { throw CLIError("witness \(number) wrote no port file") }
            urls.append("http://127.0.0.1:\(port)")
        }
        return (processes, keys, urls)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try Bench.run(executable, arguments)
        guard status == 0 else { throw CLIError("\(executable) \(arguments.joined(separator: " ")) failed") }
        return output
    }
}
