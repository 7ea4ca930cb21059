import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import RoundtableClient
import Synchronization

/// `roundtable-bench connections`: while clients try to hold many idle connections and many slow ones, a new client's
/// `/healthz` and signed act, each on a connection of its own, still answer, and the node never stops accepting.
struct BenchConnections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "Idle and slow connection floods: /healthz and a signed act on new connections meanwhile (p50, p99, max).",
        discussion: """
            The node starts with this process's open-file limit (the idle flood is sized to exceed it); this process \
            then raises its own limit to hold the flood. Idle clients connect and send nothing, and reconnect when the \
            node closes them; slow clients send a request head a byte a second, and reconnect when cut off.
            """
    )

    @Option(help: "Connections the idle clients try to hold.") var idle = 20_000
    @Option(help: "Connections the slow clients try to hold.") var slow = 500
    @Option(help: "Seconds to probe for once the floods are up.") var seconds = 30
    @Option(help: "Probes of /healthz per second (each on a new connection).") var probeRate = 5
    @Option(help: "New flood connections per second while the floods build up.") var rampRate = 2000
    @Option(help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench).") var node: String?

    @Option(help: .hidden) var floodPort: Int?

    func run() async throws {
        if let floodPort { return try await Self.runIdleFlood(port: floodPort, connections: idle, rampRate: rampRate) }
        let directory = try Bench.temporaryDirectory("connections")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await BenchNodeProcess(members: 1, directory: directory, executable: self.node)
        defer { node.stop() }
        let nodeFiles = Self.openFileLimit(pid: node.process.processIdentifier)
        print(
            "bench connections: \(idle) idle clients (a process of their own) + \(slow) slow ones, probes on new connections for "
                + "\(seconds) s; node open-file limit \(nodeFiles); \(Bench.machine)")
        let acts = try await node.acts(count: seconds * 2 + 32)["m1"]!
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let flood = ConnectionFlood(port: node.port, group: group)
        let quiet = try await ConnectionProbes.run(seconds: 5, rate: probeRate, flood: flood, acts: acts, from: 0, held: { 0 })
        // The idle clients run in a process of their own, with an open-file limit of their own, so that together with
        // the slow ones and the probes they can ask for more connections than the node can hold.
        let idleFlood = try IdleFloodProcess(port: node.port, connections: idle, rampRate: rampRate)
        defer { idleFlood.stop() }
        let floods = Task {
            await withDiscardingTaskGroup { tasks in
                for _ in 0..<slow { tasks.addTask { await flood.hold(slow: true) } }
            }
        }
        let rampStart = ContinuousClock.now
        let wanted = min(idle + slow, nodeFiles) * 9 / 10
        while flood.tally.held + idleFlood.held < wanted, ContinuousClock.now - rampStart < .seconds(30 + (idle + slow) / rampRate) {
            try await Task.sleep(for: .milliseconds(250))
        }
        print(
            "floods up after \(Bench.milliseconds(Figures.seconds(ContinuousClock.now - rampStart))) ms: idle \(idleFlood.lastLine); slow "
                + flood.tally.description)

        let loaded = try await ConnectionProbes.run(
            seconds: seconds, rate: probeRate, flood: flood, acts: acts, from: quiet.nextAct, held: { flood.tally.held + idleFlood.held })
        let tally = flood.tally
        let memory = node.residentMiB
        let idleTally = idleFlood.lastLine
        idleFlood.stop()
        flood.stop()
        floods.cancel()
        node.stop()
        await floods.value
        try? await group.shutdownGracefully()
        print("quiet (before the floods):\n\(quiet.summary)")
        print("under the floods:\n\(loaded.summary)")
        print("connections the clients held while probing: median \(Int(Bench.median(loaded.held))); idle \(idleTally); slow \(tally.description)")
        print("node resident memory while probing: \(memory.map { "\($0) MiB" } ?? "unknown")")
    }

    /// The idle clients' side: holds `connections` idle connections to the node, reconnecting when closed, and prints
    /// its tally every 250 ms until it is stopped.
    static func runIdleFlood(port: Int, connections: Int, rampRate: Int) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let flood = ConnectionFlood(port: port, group: group)
        let report = Task {
            while !Task.isCancelled {
                let tally = flood.tally
                FileHandle.standardOutput.write(Data((tally.line + "\n").utf8))
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        await withDiscardingTaskGroup { tasks in
            for number in 0..<connections {
                tasks.addTask { await flood.hold(slow: false) }
                if number % 100 == 99 { try? await Task.sleep(for: .seconds(1) * 100 / rampRate) }
            }
        }
        report.cancel()
    }

    /// The soft open-file limit of a process, from /proc.
    static func openFileLimit(pid: Int32) -> Int {
        let limits = (try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)) ?? ""
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }
        return line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first.flatMap { Int($0) } ?? 0
    }
}
