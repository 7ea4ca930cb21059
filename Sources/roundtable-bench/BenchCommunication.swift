import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import RoundtableAPI
import RoundtableClient
import RoundtableDelivery
import RoundtableDomain
import Synchronization
import TransparencyLog

/// `roundtable-bench communication`: the communication mechanism against a real node process — a check of every
/// member's contacts delivered by webhook, inbox streams that show a new request, and request acts per second through
/// HTTP beside credential acts in the same run.
struct BenchCommunication: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communication",
        abstract: "Checks delivered by webhook, inbox streaming latency, and request acts per second (needs wrk for the last)."
    )

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case checks, streams, rate
    }

    @Option(help: "Members of the forum.") var members = 193
    @Option(help: "Points of contact per member, each with a webhook to the bench's receiver (0: no notices, for the rate of the acts alone).")
    var contacts = 3
    @Option(help: "Runs of each part.") var runs = 3
    @Option(help: "Requests sent while the streams are open, per run.") var requests = 100
    @Option(help: "Inbox streams per member.") var streamsPerMember = 3
    @Option(help: "Members sending acts in the rate part, one connection each.") var connections = 64
    @Option(help: "Seconds per wrk run in the rate part.") var duration = 5
    @Option(help: "Acts signed in advance per member per wrk run.") var perConnection = 1500
    @Option(help: "The wrk executable.") var wrk = "/usr/bin/wrk"
    @Option(help: "The roundtable executable to run as the node (default: the one built beside roundtable-bench).") var node: String?
    @Option(parsing: .upToNextOption, help: "The parts to run: checks, streams, rate (default all).") var part: [Part] = Part.allCases

    func run() async throws {
        let directory = try Bench.temporaryDirectory("communication")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print("bench communication: \(members) members × \(contacts) contacts; node: roundtable serve; \(Bench.machine)")
        let process = try await BenchNodeProcess(members: members, directory: directory, executable: node)
        defer { process.stop() }
        let forum: API.Forum = try await NodeHTTP.getJSON(process.url + "/api/v1/forum")
        let receiver = BenchWebhookReceiver(key: try NoteVerifier(parsing: forum.nodeKey))
        let bench = BenchCommunicationActs(process: process, origin: forum.origin)
        try await receiver.serve { hook in
            let setUp = try await Bench.time { try await bench.addContacts(count: contacts, webhook: hook) }
            let total = members * contacts
            try await Self.wait("the first check of every contact") { receiver.count(of: .check) >= total }
            print("  \(total) contacts added and checked at once in \(String(format: "%.2f", setUp)) s (acts), first check notices all received")
            if part.contains(.checks) { try await checks(bench, receiver: receiver, total: total) }
            // The rate before the streams: a closed stream's handler lingers on the node until its next keep-alive.
            if part.contains(.rate) { try await rate(bench, process: process, directory: directory, receiver: receiver) }
            if part.contains(.streams) { try await streams(bench, process: process) }
        }
        if receiver.refused > 0 { throw CLIError("\(receiver.refused) webhook notices failed the signature check") }
    }

    /// Every member asks for a check of all its contacts; the time until the last of the notices reached the receiver.
    private func checks(_ bench: BenchCommunicationActs, receiver: BenchWebhookReceiver, total: Int) async throws {
        var seconds: [Double] = []
        for run in 0..<runs {
            let baseline = receiver.received.map(\.notice.index).max() ?? 0
            let before = receiver.count(of: .check)
            let start = ContinuousClock.now
            try await bench.askChecks()
            try await Self.wait("the check notices") { receiver.count(of: .check) >= before + total }
            let last = receiver.received.filter { $0.notice.kind == .check && $0.notice.index > baseline }.map(\.at).max()!
            seconds.append(Figures.seconds(last - start))
            print(
                "  checks run \(run + 1): \(members) checks, \(total) webhook notices verified, all received "
                    + "\(String(format: "%.2f", seconds.last!)) s after the first ask")
        }
        let median = String(format: "%.2f", Bench.median(seconds))
        print("median: a check of \(members) members × \(contacts) contacts delivered by webhook in \(median) s")
    }

    /// Streams open for every member; requests sent one after another; from each request's acknowledgement (its 201) to
    /// each of the recipient's streams showing it.
    private func streams(_ bench: BenchCommunicationActs, process: BenchNodeProcess) async throws {
        let streams = BenchInboxStreams(url: process.url)
        defer { streams.close() }
        try await streams.open(members: (1...members).map { "m\($0)" }, each: streamsPerMember)
        print("  \(members * streamsPerMember) inbox streams open")
        var all: [Double] = []
        for run in 0..<runs {
            var latencies: [Double] = []
            for number in 0..<requests {
                let from = "m\(number % members + 1)"
                let to = "m\((number + 1) % members + 1)"
                let (index, acknowledged) = try await bench.sendRequest(from: from, to: to)
                try await Self.wait("request \(index) on \(to)'s streams") { streams.seen(member: to, request: index).count >= streamsPerMember }
                latencies += streams.seen(member: to, request: index).map { Figures.seconds($0 - acknowledged) * 1000 }
            }
            all += latencies
            print(
                "  streams run \(run + 1): \(requests) requests, p50 \(String(format: "%.0f", Bench.percentile(latencies, 0.5))) ms, "
                    + "p99 \(String(format: "%.0f", Bench.percentile(latencies, 0.99))) ms, max \(String(format: "%.0f", latencies.max() ?? 0)) ms")
        }
        print(
            "all runs: from a request's acknowledgement to the recipient's \(streamsPerMember) streams, \(all.count) events: p50 "
                + "\(String(format: "%.0f", Bench.percentile(all, 0.5))) ms, p99 \(String(format: "%.0f", Bench.percentile(all, 0.99))) ms with "
                + "\(members * streamsPerMember) streams open")
    }

    /// Request acts and credential acts through HTTP, alternately, each driven by wrk with one act in flight per member.
    /// After a run of request acts the next run waits until the receiver has every notice of the requests delivered, so
    /// that no run pays for the notices of the one before.
    private func rate(_ bench: BenchCommunicationActs, process: BenchNodeProcess, directory: String, receiver: BenchWebhookReceiver) async throws {
        let script = directory + "/acts.lua"
        try Data(BenchActs.script.utf8).write(to: URL(fileURLWithPath: script))
        let jsonScript = directory + "/requests.lua"
        try Data(BenchActs.script.replacingOccurrences(of: "text/plain; charset=utf-8", with: "application/json").utf8)
            .write(to: URL(fileURLWithPath: jsonScript))
        var ratios: [Double] = []
        var cpuRatios: [Double] = []
        var batches: (request: [Double], credential: [Double]) = ([], [])
        for run in 0..<runs {
            let credentialActs = try await process.acts(count: perConnection).filter { Self.member($0.key) <= connections }
            let (credential, credentialCPU, credentialBatch) = try await wrkRun(process, script: script, directory: directory, acts: credentialActs)
            let requestActs = try await bench.requestActs(members: connections, count: perConnection)
            let noticesBefore = receiver.count(of: .request)
            let (request, requestCPU, requestBatch) = try await wrkRun(process, script: jsonScript, directory: directory, acts: requestActs)
            ratios.append(request / credential)
            cpuRatios.append(credentialCPU / requestCPU)
            batches.request.append(requestBatch)
            batches.credential.append(credentialBatch)
            print(
                "  rate run \(run + 1): request acts \(Figures.grouped(request))/s (each delivered by the node), credential acts "
                    + "\(Figures.grouped(credential))/s, ratio \(String(format: "%.2f", request / credential)); node CPU per act "
                    + "\(String(format: "%.0f", requestCPU * 1e6)) and \(String(format: "%.0f", credentialCPU * 1e6)) µs; acts per commit "
                    + "\(String(format: "%.1f", requestBatch)) and \(String(format: "%.1f", credentialBatch))")
            if contacts > 0 {
                let expected = noticesBefore + Int(request * Double(duration)) * contacts
                let drained = try await Bench.time {
                    try await Self.wait("the request notices", limit: 300) { receiver.count(of: .request) >= expected }
                }
                let notices = Figures.grouped(Double(expected - noticesBefore))
                print("    its \(notices) webhook notices all received \(String(format: "%.1f", drained)) s later")
            }
        }
        print(
            "median ratio of request acts to credential acts through HTTP: \(String(format: "%.2f", Bench.median(ratios))) (quartiles "
                + "\(String(format: "%.2f", Bench.percentile(ratios, 0.25)))–\(String(format: "%.2f", Bench.percentile(ratios, 0.75))), "
                + "\(ratios.count) runs)")
        print("median ratio of the node's CPU per credential act to its CPU per request act: \(String(format: "%.2f", Bench.median(cpuRatios)))")
        print(
            "median acts per commit: \(String(format: "%.1f", Bench.median(batches.request))) in the request runs, "
                + "\(String(format: "%.1f", Bench.median(batches.credential))) in the credential runs")
    }

    /// A wrk run's acts per second, the node's CPU time per act over the run (until the count held still), and the acts
    /// of each of its commits (the node's own acts included), an average from its `/metrics`.
    private func wrkRun(_ process: BenchNodeProcess, script: String, directory: String, acts: [String: [[UInt8]]]) async throws -> (
        rate: Double, cpu: Double, batch: Double
    ) {
        for (member, memberActs) in acts {
            try Data(memberActs.map { $0 + [0] }.joined()).write(to: URL(fileURLWithPath: "\(directory)/\(member).acts"))
        }
        let before = try await process.memberActCount()
        let cpuBefore = Bench.cpuSeconds(pid: process.process.processIdentifier) ?? 0
        let commitsBefore = try await process.commits()
        let output = try Bench.runWrk(
            wrk, ["-t1", "-c\(connections)", "-d\(duration)s", "-s", script, process.url, "--", directory, "1", "\(connections)"])
        // wrk sends a request again on a new connection when one closes under it; the node refuses the repeat as a replay
        // (409), which changes nothing. More than one in a hundred means something else.
        let refused = output.split(separator: "\n").first { $0.contains("Non-2xx") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        let sent = output.split(separator: "\n").first { $0.contains("requests in") }.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        guard refused * 100 <= max(sent, 1) else { throw CLIError("some acts were refused:\n\(output)") }
        if refused > 0 { print("    (\(refused) of \(sent) requests answered 409 replayed: wrk sent them again on a new connection)") }
        // Acts wrk sent just before it stopped may still be committing: count once the count holds still.
        var accepted = try await process.memberActCount() - before
        while true {
            try await Task.sleep(for: .milliseconds(200))
            let now = try await process.memberActCount() - before
            if now == accepted { break }
            accepted = now
        }
        guard accepted < UInt64(connections * perConnection) else { throw CLIError("the run used up its signed acts; raise --per-connection") }
        let cpu = (Bench.cpuSeconds(pid: process.process.processIdentifier) ?? 0) - cpuBefore
        let commits = try await process.commits()
        let batch = (commits.acts - commitsBefore.acts) / max(commits.batches - commitsBefore.batches, 1)
        return (Double(accepted) / Double(duration), cpu / Double(max(accepted, 1)), batch)
    }

    private static func member(_ id: String) -> Int { Int(id.dropFirst()) ?? .max }

    /// Waits until `condition` holds, for at most `limit` seconds.
    static func wait(_ what: String, limit: Int = 60, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(limit)
        while try !condition() {
            guard ContinuousClock.now < deadline else { throw CLIError("waited \(limit) s for \(what)") }
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}
