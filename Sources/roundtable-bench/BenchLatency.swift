import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RoundtableClient
import Synchronization
import TransparencyLog

/// `roundtable-bench latency`: the time from an acknowledged act to the first published checkpoint that includes it,
/// at the default checkpoint interval.
struct BenchLatency: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Time from an acknowledged act to a checkpoint including it (p50, p99) at the default 1 s interval."
    )

    @Option(help: "Acts per second to submit.") var rate = 200
    @Option(help: "Seconds to submit for.") var seconds = 20

    func run() async throws {
        let directory = try Bench.temporaryDirectory("latency")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: 64, directory: directory)
        let total = rate * seconds
        let members = bench.keys.keys.sorted()
        let acts = try members.map { try bench.acts(member: $0, count: total / members.count + 1) }
        print("bench latency: \(rate) acts/s for \(seconds) s, checkpoint interval 1 s; \(Bench.machine)")
        let latencies = try await bench.serving(checkpointInterval: .seconds(1)) {
            let record = LatencyRecord()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.watch(bench.url, record: record) }
                let interval = Duration.seconds(1) / rate
                var next = ContinuousClock.now
                for number in 0..<total {
                    try await Task.sleep(until: next, clock: .continuous)
                    next += interval
                    let act = acts[number % members.count][number / members.count]
                    group.addTask {
                        let index = try await Self.post(act, to: bench.url)
                        record.acknowledge(index)
                    }
                    if number % members.count == members.count - 1 { try await Task.sleep(for: .zero) }
                }
                let highest = UInt64(total)
                while record.publishedSize <= highest { try await Task.sleep(for: .milliseconds(50)) }
                record.finish()
                try await group.waitForAll()
            }
            let checkpoints = record.published
            return record.acknowledged.compactMap { ack -> Double? in
                guard let seen = checkpoints.first(where: { $0.size > ack.index }) else { return nil }
                return max(0, Figures.seconds(seen.at - ack.at))
            }
        }
        print(
            "acts measured: \(latencies.count); p50 \(Int(Bench.percentile(latencies, 0.5) * 1000)) ms, p99 "
                + "\(Int(Bench.percentile(latencies, 0.99) * 1000)) ms, max \(Int((latencies.max() ?? 0) * 1000)) ms"
        )
    }

    /// Polls the checkpoint every 5 ms and records when each new size appears that `counts` accepts (every one by
    /// default; only those with the witnesses' quorum for `bench witnesses`).
    static func watch(_ url: String, record: LatencyRecord, counts: @Sendable (SignedNote) -> Bool = { _ in true }) async throws {
        var last: UInt64 = 0
        while !record.isDone {
            let reply = try await NodeHTTP.get(url + "/log/checkpoint", timeout: 5)
            let now = ContinuousClock.now
            if reply.status == .ok, let note = try? SignedNote(parsing: reply.body), let checkpoint = try? Checkpoint(parsing: note.text),
                checkpoint.size > last, counts(note)
            {
                last = checkpoint.size
                record.publish(checkpoint.size, at: now)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    static func post(_ act: [UInt8], to url: String) async throws -> UInt64 {
        let reply = try await NodeHTTP.postAct(act, node: url)
        guard reply.status == .created,
            let json = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any], let index = json["index"] as? Int
        else { throw CLIError("act refused: \(reply.text)") }
        return UInt64(index)
    }
}

/// Acknowledgements and checkpoint sightings, with the time each happened.
final class LatencyRecord: Sendable {
    private let state = Mutex<
        (acks: [(index: UInt64, at: ContinuousClock.Instant)], published: [(size: UInt64, at: ContinuousClock.Instant)], done: Bool)
    >(([], [], false))

    func acknowledge(_ index: UInt64) {
        let now = ContinuousClock.now
        state.withLock { $0.acks.append((index, now)) }
    }
    func publish(_ size: UInt64, at instant: ContinuousClock.Instant) { state.withLock { $0.published.append((size, instant)) } }
    func finish() { state.withLock { $0.done = true } }
    var isDone: Bool { state.withLock { $0.done } }
    var publishedSize: UInt64 { state.withLock { $0.published.last?.size ?? 0 } }
    var published: [(size: UInt64, at: ContinuousClock.Instant)] { state.withLock { $0.published } }
    var acknowledged: [(index: UInt64, at: ContinuousClock.Instant)] { state.withLock { $0.acks } }
}
