import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import RoundtableClient
import RoundtableDataDirectory
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// `roundtable-bench memory`: the resident memory of a `roundtable serve` process as its log grows.
struct BenchMemory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Resident memory of a serving node at growing log sizes (default 1M and 10M entries)."
    )

    @Option(help: "Log sizes to measure at, comma-separated.") var sizes = "1000000,10000000"
    @Option(help: "Requests to serve (receipts, tiles, bundles) before each measurement.") var requests = 2000

    func run() async throws {
        let targets = sizes.split(separator: ",").compactMap { UInt64($0) }
        let directory = try Bench.temporaryDirectory("memory")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = Int.random(in: 20_000..<60_000)
        let origin = "127.0.0.1:\(port)"
        let data = directory + "/data"
        let (signer, store) = try DataDirectory(path: data).open(keyName: origin)
        let members = try (1...Self.members).map { try NoteSigner.generate(name: "m\($0).bench/key") }
        let forum = try await ForumNode.open(
            store: store, nodeSigner: signer, origin: origin,
            founding: .init(
                forumName: "Memory benchmark",
                founders: try members.indices.map { .init(id: try MemberID("m\($0 + 1)"), key: members[$0].verifier, displayName: "M\($0 + 1)") }),
            logger: Logger(label: "bench"))
        print("bench memory: node RSS after serving \(requests) requests at each log size; \(Bench.machine)")
        var state = forum.state
        for target in targets {
            let fill = try await Bench.time { state = try await Self.fill(store, state: state, members: members, to: target) }
            let integrate = try await Bench.time { try await LogIntegrator(storage: store).integrate() }
            let (rss, start) = try await measure(data: data, port: port, size: target)
            print(
                "  \(Figures.grouped(Double(target))) entries (filled in \(Int(fill)) s, integrated in \(Int(integrate)) s): node started in "
                    + "\(String(format: "%.1f", start)) s (log matched against its tree and replayed), node RSS "
                        + "\(Figures.grouped(Double(rss) / 1024)) MiB"
            )
        }
    }

    /// Members whose acts fill the log, signing in parallel.
    static let members = 8

    /// Appends real signed acts (``BenchCredentialActs``, the members' in turn) until the log holds `size` entries,
    /// checked against the forum's state like any act, so that the node can replay the log when it starts; returns
    /// the state after them.
    static func fill(_ store: SQLiteForumStore, state: ForumState, members: [NoteSigner], to size: UInt64) async throws -> ForumState {
        var state = state
        var count = try await store.entryCount()
        let origin = state.origin
        while count < size {
            let perMember = Int(min(2_000, (size - count + UInt64(members.count) - 1) / UInt64(members.count)))
            let starts = try members.indices.map { BenchCredentialActs.Start(state.members[try MemberID("m\($0 + 1)")]!) }
            let signed = try await withThrowingTaskGroup(of: (Int, [VerifiedAct]).self) { group in
                for index in members.indices {
                    group.addTask {
                        (index, try BenchCredentialActs.verified(
                            origin: origin, member: "m\(index + 1)", key: members[index], count: perMember, from: starts[index]))
                    }
                }
                return try await group.reduce(into: [[VerifiedAct]](repeating: [], count: members.count)) { $0[$1.0] = $1.1 }
            }
            var records: [ActRecord] = []
            for offset in 0..<perMember {
                for acts in signed where count + UInt64(records.count) < size {
                    let changes = try state.check(acts[offset], at: count + UInt64(records.count))
                    state.apply(changes)
                    records.append(ActRecord(entry: acts[offset].entry, changes: changes))
                }
            }
            try await store.append(records, at: count)
            count += UInt64(records.count)
        }
        return state
    }

    private func measure(data: String, port: Int, size: UInt64) async throws -> (rss: Int, start: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Bench.nodeExecutable())
        process.arguments = ["serve", "--data", data, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        let url = "http://127.0.0.1:\(port)"
        // The node matches its whole log against its tree and replays it when it starts.
        let start = try await Bench.time { try await BenchForum.waitForHealth(url: url, seconds: 600) }
        for _ in 0..<400 {
            let reply = try await NodeHTTP.get(url + "/log/checkpoint")
            if reply.status == .ok, let note = try? SignedNote(parsing: reply.body), (try? Checkpoint(parsing: note.text))?.size ?? 0 >= size {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        for number in 0..<requests {
            let index = UInt64.random(in: 0..<size)
            let path =
                switch number % 3 {
                case 0: "/api/v1/acts/\(index)/receipt"
                case 1: "/log/" + TileID(level: 0, index: index / 256 == size / 256 ? 0 : index / 256).path
                default: "/log/" + TileID(level: 0, index: index / 256 == size / 256 ? 0 : index / 256).entriesPath
                }
            let status = try await NodeHTTP.get(url + path).status
            guard status == .ok else { throw CLIError("\(path) answered \(status.code)") }
        }
        guard let rss = Bench.residentKiB(pid: process.processIdentifier) else { throw CLIError("cannot read the node's memory from /proc") }
        return (rss, start)
    }
}
