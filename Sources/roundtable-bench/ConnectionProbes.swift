import RoundtableClient

/// The probes of ``BenchConnections``: `/healthz` several times a second and a signed act once a second, each on a new
/// connection, timed from connecting to the end of the answer.
struct ConnectionProbes {
    var health: [Double] = []
    var acts: [Double] = []
    var failures: [String] = []
    /// The connections the floods held at each probe.
    var held: [Double] = []
    /// The next of the member's acts to send.
    var nextAct: Int

    /// Probes for `seconds`, `rate` times a second.
    static func run(
        seconds: Int, rate: Int, flood: ConnectionFlood, acts: [[UInt8]], from nextAct: Int, held: () -> Int
    ) async throws -> ConnectionProbes {
        var probes = ConnectionProbes(nextAct: nextAct)
        let end = ContinuousClock.now + .seconds(seconds)
        var next = ContinuousClock.now
        var probe = 0
        while ContinuousClock.now < end {
            try await Task.sleep(until: next, clock: .continuous)
            next += .seconds(1) / rate
            let request = "GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
            switch await flood.exchange(Array(request.utf8)) {
            case .success(let (status, time)) where status == 200: probes.health.append(time)
            case .success(let (status, _)): probes.failures.append("/healthz answered \(status)")
            case .failure(let error): probes.failures.append("/healthz: \(error)")
            }
            if probe % rate == 0 { await probes.postAct(acts[probes.nextAct], flood: flood) }
            probes.held.append(Double(held()))
            probe += 1
        }
        return probes
    }

    private mutating func postAct(_ act: [UInt8], flood: ConnectionFlood) async {
        let head = "POST /api/v1/acts HTTP/1.1\r\nHost: bench\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(act.count)\r\nConnection: close\r\n\r\n"
        switch await flood.exchange(Array(head.utf8) + act) {
        case .success(let (status, time)) where status == 201:
            acts.append(time)
            nextAct += 1
        case .success(let (status, _)):
            failures.append("the act was answered \(status)")
            nextAct += 1
        case .failure(let error):
            // Not answered: the same act is sent again (a replay answers 409 if it was written after all).
            failures.append("act: \(error)")
        }
    }

    /// The figures, one line for `/healthz` and one for the acts.
    var summary: String {
        func line(_ name: String, _ times: [Double]) -> String {
            let (p50, p99) = (Bench.milliseconds(Bench.median(times)), Bench.milliseconds(Bench.percentile(times, 0.99)))
            return "  \(name): \(times.count) answered, p50 \(p50) ms, p99 \(p99) ms, max \(Bench.milliseconds(times.max() ?? 0)) ms, "
                + "within 1 s: \(times.filter { $0 <= 1 }.count)"
        }
        let failed = failures.isEmpty ? "" : " — " + Set(failures).sorted().prefix(5).joined(separator: "; ")
        return [
            line("/healthz on a new connection", health), line("signed act on a new connection", acts), "  failed probes: \(failures.count)\(failed)",
        ].joined(separator: "\n")
    }
}
