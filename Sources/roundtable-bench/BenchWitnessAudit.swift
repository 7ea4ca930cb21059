import ArgumentParser
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableStorageSQLite
import RoundtableWitness
import TransparencyLog

/// `roundtable-bench witness-audit`: how fast an auditing witness replays a forum's log, on the forum `bench audit`
/// builds (every member voting on every proposal), served by the node on loopback: catching up from the genesis in
/// one checkpoint, and following the log a checkpoint of `--step` acts at a time; then what a restart costs.
struct BenchWitnessAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness-audit",
        abstract: "Time an auditing witness replaying a forum's log: from the genesis, then checkpoint by checkpoint."
    )

    @Option(help: "Members (each votes on every proposal).") var members = 100
    @Option(help: "Proposals, each decided by a recorded ballot.") var proposals = 1000
    @Option(help: "Acts a checkpoint adds when following the log.") var step = 1000
    @Option(help: "Runs.") var runs = 3
    @Option(name: .customLong("kept-mib"), help: "MiB of entries a witness may always keep after its replay's snapshot before writing a new one.")
    var keptMiB = 1

    /// One run's figures, in seconds.
    struct Run {
        var catchUp = 0.0
        var following = 0.0
        var restart = 0.0
        var snapshotBytes = 0
        var encoding = 0.0
        var decoding = 0.0
    }

    func run() async throws {
        let directory = try Bench.temporaryDirectory("witness-audit")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bench = try await BenchForum(members: members, directory: directory, rules: BenchGovernance.rules)
        print("bench witness-audit: \(members) members, \(proposals) proposals, every member voting on each; \(Bench.machine)")
        try await BenchGovernance.decide(proposals: proposals, members: members, in: bench)
        _ = try await bench.forum.log.integrateAndPublish()
        let log = try await BenchWitnessLog(bench.forum.log, step: UInt64(step), options: AuditOptions(minimumKeptBytes: keptMiB << 20))
        print("  built the record: \(Figures.grouped(Double(log.size))) signed acts, \(log.following.count) checkpoints of \(step) to follow")
        let sample = try await bench.forum.store.entry(at: log.size - 10)!
        let results = try await bench.serving(checkpointInterval: nil) { [runs, url = bench.url] in
            var results: [Run] = []
            for number in 1...runs {
                let all = await BenchAudit.allCoresVerifyRate(sample: sample)
                let run = try await Self.measure(log, url: url + "/log", directory: directory + "/witness-\(number)")
                results.append(run)
                print(
                    "  run \(number): from the genesis \(Self.rate(log.size, run.catchUp)) acts/s (\(String(format: "%.2f", run.catchUp)) s); "
                        + "following \(Self.rate(log.size, run.following)) acts/s (\(String(format: "%.2f", run.following)) s); "
                        + "restart \(Bench.milliseconds(run.restart)) ms; snapshot \(run.snapshotBytes >> 10) KiB, encoded in "
                        + "\(Bench.milliseconds(run.encoding)) ms, decoded in \(Bench.milliseconds(run.decoding)) ms; "
                        + "Ed25519 verify \(Figures.grouped(all))/s on all cores")
            }
            return results
        }
        let catchUp = Self.rate(log.size, Bench.median(results.map(\.catchUp)))
        print(
            "median: \(Figures.grouped(Double(log.size))) acts replayed from the genesis at \(catchUp) "
                + "acts/s, following checkpoints of \(step) at \(Self.rate(log.size, Bench.median(results.map(\.following)))) acts/s; "
                + "restart \(Bench.milliseconds(Bench.median(results.map(\.restart)))) ms (goal 10,000 acts/s)")
    }

    /// One run: a new witness catches up in one checkpoint; another follows checkpoint by checkpoint, is reopened, and
    /// answers its first request (which restores its replay from the store).
    static func measure(_ log: BenchWitnessLog, url: String, directory: String) async throws -> Run {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var run = Run()
        let catchingUp = try await log.witness(directory + "/catch-up.sqlite", url: url)
        run.catchUp = try await Bench.time { _ = try await catchingUp.addCheckpoint(log.catchUp) }
        let following = try await log.witness(directory + "/follow.sqlite", url: url)
        run.following = try await Bench.time {
            for request in log.following { _ = try await following.addCheckpoint(request) }
        }
        let snapshot = Data(try await following.store.replay(origin: log.origin)?.snapshot ?? [])
        run.snapshotBytes = snapshot.count
        var decoded: ReplaySnapshot?
        run.decoding = try await Bench.time { decoded = try JSONDecoder().decode(ReplaySnapshot.self, from: snapshot) }
        run.encoding = try await Bench.time { _ = try JSONEncoder().encode(decoded) }
        run.restart = try await Bench.time {
            _ = try await log.witness(directory + "/follow.sqlite", url: url).addCheckpoint(log.again)
        }
        return run
    }

    static func rate(_ size: UInt64, _ seconds: Double) -> String { Figures.grouped(Double(size) / max(seconds, 0.001)) }
}

/// The benchmark forum's log as a witness sees it: the `add-checkpoint` requests of a witness that catches up in one
/// checkpoint and of one that follows a checkpoint every `step` acts, signed with the log's key and proven, made
/// before anything is timed.
struct BenchWitnessLog: Sendable {
    let origin: String
    let key: NoteVerifier
    let size: UInt64
    /// The request of the whole log from old size 0.
    let catchUp: [UInt8]
    /// The requests of checkpoints every `step` acts, each proven from the one before; the last is the whole log.
    let following: [[UInt8]]
    /// The request of the whole log proven from itself: what a witness that cosigned it answers without replaying.
    let again: [UInt8]
    let cosigner: CosignatureSigner
    let options: AuditOptions

    init(_ log: ForumLog<some LogStorage>, step: UInt64, options: AuditOptions) async throws {
        self.options = options
        origin = log.origin
        key = log.signer.verifier
        cosigner = try CosignatureSigner(try NoteSigner.generate(name: "witness.bench/w1"))
        var hashes: [TreeHash] = []
        while case let entries = try await log.store.entries(from: UInt64(hashes.count), limit: 4096), !entries.isEmpty {
            hashes += entries.map(MerkleHasher.leafHash)
        }
        size = UInt64(hashes.count)
        let leaves = LeafHashes(hashes)
        func request(_ old: UInt64, _ size: UInt64) throws -> [UInt8] {
            let text = Checkpoint(origin: log.origin, size: size, root: try leaves.rootHash(size: size)).text
            let proof = old == 0 || old == size ? [] : try MerkleProof.consistency(from: old, to: size, source: leaves)
            return AddCheckpointRequest(oldSize: old, proof: proof, checkpoint: try SignedNote.sign(text: text, with: [log.signer]).bytes).bytes
        }
        let sizes = Array(stride(from: step, to: size, by: Int(step))) + [size]
        following = try zip([0] + sizes.dropLast(), sizes).map { try request($0, $1) }
        catchUp = try request(0, size)
        again = try request(size, size)
    }

    /// A new witness auditing this log, or the one of `path` reopened.
    func witness(_ path: String, url: String) async throws -> Witness<SQLiteWitnessStore> {
        let store = try SQLiteWitnessStore(path: path)
        _ = try await store.addLog(origin: origin, key: key, auditURL: url)
        return try await Witness.open(
            cosigner: cosigner, store: store, logFetcher: { HTTPLogFetcher(prefix: $0, failingFast: true) }, auditOptions: options)
    }
}
