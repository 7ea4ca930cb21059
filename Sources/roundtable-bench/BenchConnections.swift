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
    @Option(help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench).") var node: String?

    func run() async throws {
        let directory = try Bench.temporaryDirectory("connections")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let node = try await BenchNodeProcess(members: 1, directory: directory, executable: self.node)
        defer { node.stop() }
        let nodeFiles = Self.openFileLimit(pid: node.process.processIdentifier)
        let own = Self.raiseOwnFileLimit(to: idle + slow + 1024)
        print(
            "bench connections: \(idle) idle + \(slow) slow clients, probes on new connections for \(seconds) s; node open-file limit "
                + "\(nodeFiles), this process's \(own); \(Bench.machine)")
        let acts = try await node.acts(count: seconds * 2 + 16)["m1"]!
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let flood = ConnectionFlood(port: node.port, group: group)
        let floods = Task {
            await withDiscardingTaskGroup { tasks in
                for number in 0..<(idle + slow) {
                    let isSlow = number < slow
                    tasks.addTask { await flood.hold(slow: isSlow) }
                    // Open the connections at a pace the accept loop can follow, the slow ones first.
                    if number % 200 == 199 { try? await Task.sleep(for: .milliseconds(20)) }
                }
            }
        }
        let rampStart = ContinuousClock.now
        while flood.tally.held < min(idle + slow, nodeFiles) * 9 / 10, ContinuousClock.now - rampStart < .seconds(60) {
            try await Task.sleep(for: .milliseconds(250))
        }
        print("floods up after \(Self.ms(Figures.seconds(ContinuousClock.now - rampStart))) ms: \(flood.tally.description)")

        var health: [Double] = []
        var actTimes: [Double] = []
        var failures: [String] = []
        var held: [Double] = []
        let end = ContinuousClock.now + .seconds(seconds)
        var next = ContinuousClock.now
        var probe = 0
        while ContinuousClock.now < end {
            try await Task.sleep(until: next, clock: .continuous)
            next += .seconds(1) / probeRate
            let request = "GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
            switch await flood.exchange(Array(request.utf8)) {
            case .success(let (status, time)) where status == 200: health.append(time)
            case .success(let (status, _)): failures.append("/healthz answered \(status)")
            case .failure(let error): failures.append("/healthz: \(error)")
            }
            if probe % probeRate == 0 {
                let act = acts[probe / probeRate]
                let head = "POST /api/v1/acts HTTP/1.1\r\nHost: bench\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: \(act.count)\r\nConnection: close\r\n\r\n"
                switch await flood.exchange(Array(head.utf8) + act) {
                case .success(let (status, time)) where status == 201: actTimes.append(time)
                case .success(let (status, _)): failures.append("the act was answered \(status)")
                case .failure(let error): failures.append("act: \(error)")
                }
            }
            held.append(Double(flood.tally.held))
            probe += 1
        }
        let tally = flood.tally
        flood.stop()
        floods.cancel()
        node.stop()
        await floods.value
        try? await group.shutdownGracefully()
        func line(_ name: String, _ times: [Double]) -> String {
            "\(name): \(times.count) answered, p50 \(Self.ms(Bench.median(times))) ms, p99 \(Self.ms(Bench.percentile(times, 0.99))) ms, "
                + "max \(Self.ms(times.max() ?? 0)) ms, within 1 s: \(times.filter { $0 <= 1 }.count)"
        }
        print(line("/healthz on a new connection", health))
        print(line("signed act on a new connection", actTimes))
        print("failed probes: \(failures.count)\(failures.isEmpty ? "" : " — " + Set(failures).sorted().prefix(5).joined(separator: "; "))")
        print("connections the clients held while probing: median \(Int(Bench.median(held))); \(tally.description)")
        print("node resident memory: \(node.residentMiB.map { "\($0) MiB" } ?? "unknown")")
    }

    static func ms(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    /// The soft open-file limit of a process, from /proc.
    static func openFileLimit(pid: Int32) -> Int {
        let limits = (try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)) ?? ""
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }
        return line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first.flatMap { Int($0) } ?? 0
    }

    /// Raises this process's open-file limit to at least `wanted` where allowed (the hard limit too, as root).
    static func raiseOwnFileLimit(to wanted: Int) -> Int {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return 0 }
        if limit.rlim_cur < rlim_t(wanted) {
            var raised = rlimit(rlim_cur: rlim_t(wanted), rlim_max: max(limit.rlim_max, rlim_t(wanted)))
            if setrlimit(resource, &raised) != 0 {
                raised = rlimit(rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max)
                _ = setrlimit(resource, &raised)
            }
        }
        _ = getrlimit(resource, &limit)
        return Int(limit.rlim_cur)
    }
}
