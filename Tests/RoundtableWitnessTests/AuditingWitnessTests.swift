import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

/// A witness auditing a forum's log: it cosigns a checkpoint only after replaying, under the forum's rules, the
/// entries it adds. Real HTTP on loopback ports: the log served by the node's log code, the witness by its own server.
@Suite("An auditing witness")
struct AuditingWitnessTests {
    /// A forum of three members that decided 40 norms by recorded ballot: 453 entries, two bundles.
    static let record = try! GovernanceScenario.record(ballots: 40)

    /// A witness's database and key, configured to audit one forum's log.
    struct Setup: Sendable {
        let directory = NSTemporaryDirectory() + "roundtable-auditing-witness-" + UUID().uuidString
        let cosigner: CosignatureSigner
        let options: AuditOptions

        init(options: AuditOptions = AuditOptions()) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            cosigner = try CosignatureSigner(try NoteSigner.generate(name: "witness.test/w1"))
            self.options = options
        }

        /// Opens the witness on its database, as a restart would, and serves it while `body` runs, with its URL and store.
        func serve<Value: Sendable>(
            auditing log: ServedForumLog, at url: String, _ body: @Sendable (String, SQLiteWitnessStore) async throws -> Value
        ) async throws -> Value {
            let store = try SQLiteWitnessStore(path: directory + "/witness.sqlite")
            _ = try await store.addLog(origin: log.origin, key: log.key, auditURL: url)
            let witness = try await Witness.open(
                cosigner: cosigner, store: store, logFetcher: { HTTPLogFetcher(prefix: $0, timeout: 10, failingFast: true) }, auditOptions: options)
            return try await TestWitness.serve(witness) { try await body($0, store) }
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func post(_ body: [UInt8], to witness: String) async throws -> TestWitness.Answer {
        try await TestWitness.post(body, to: witness)
    }

    /// The size of the latest checkpoint the witness serves for the log, `nil` before the first.
    static func cosignedSize(of log: ServedForumLog, at witness: String) async throws -> UInt64? {
        let (status, served) = try await TestWitness.get("/" + WitnessedLog.hash(origin: log.origin) + "/checkpoint", from: witness)
        return status == 404 ? nil : try Checkpoint.open(served, logKey: log.key).0.size
    }

    @Test(
        "it cosigns a growing forum's log, fetching only the bundles that hold new entries, and after a restart resumes from what it stored",
        arguments: [AuditOptions(), AuditOptions(batchSize: 16, minimumKeptBytes: 0)])
    func growingLog(options: AuditOptions) async throws {
        let record = Self.record
        let log = try ServedForumLog(entries: record.entries, nodeSigner: record.forum.node)
        let setup = try Setup(options: options)
        defer { setup.remove() }
        try await log.serve { url in
            try await setup.serve(auditing: log, at: url) { witness, store in
                for (old, size) in [(0, 1), (1, 100), (100, 300), (300, 300)] as [(UInt64, UInt64)] {
                    let answer = try await Self.post(try await log.request(old: old, size: size), to: witness)
                    #expect(answer.status == 200, "old \(old), size \(size): \(answer.text)")
                }
                let bundles = ["000.p/1", "000.p/100", "000", "001.p/44"].map { "/log/tile/entries/" + $0 }
                #expect(log.takeBundleRequests() == bundles)
                #expect(try await store.replay(origin: log.origin)?.size == 300)
            }
            try await setup.serve(auditing: log, at: url) { witness, store in
                let size = UInt64(record.entries.count)
                let answer = try await Self.post(try await log.request(old: 300, size: size), to: witness)
                #expect(answer.status == 200, "\(answer.text)")
                #expect(log.takeBundleRequests() == ["/log/tile/entries/001.p/197"], "a restarted witness fetches only what it did not replay")
                let stored = try #require(try await store.replay(origin: log.origin))
                #expect(stored.size == size)
                #expect((stored.snapshot != nil) == (options.minimumKeptBytes == 0), "a snapshot only once the entries kept outweigh it")
                let snapshot = try stored.snapshot.map { try JSONDecoder().decode(ReplaySnapshot.self, from: Data($0)) }
                #expect((snapshot?.nextIndex ?? 0) == stored.snapshotIndex)
                var replay = ReplayPipeline(resuming: snapshot ?? ReplaySnapshot())
                replay.replayVerified(stored.entries)
                #expect(replay.replay.state == record.state, "the stored replay is the forum's state")
            }
        }
    }

    @Test("it refuses a log whose operator signed, with the node key, a decision contradicting the votes in tiles and a checkpoint that match")
    func forgedDecision() async throws {
        var record = Self.record
        let id = try record.ballot(proposer: "ee", votes: [("ee", .yes), ("fr", .no), ("ke", .no)], decide: false)
        let forged = try record.forgedDecision(of: id)
        let index = UInt64(record.entries.count)
        let log = try ServedForumLog(entries: record.entries + [forged], nodeSigner: record.forum.node)
        let setup = try Setup()
        defer { setup.remove() }
        try await log.serve { url in
            try await setup.serve(auditing: log, at: url) { witness, store in
                let first = try await Self.post(try await log.request(old: 0, size: index + 1), to: witness)
                #expect(first.status == 422)
                #expect(first.text.hasPrefix("entry \(index) does not follow from the entries before it: wrong_decision: "), "\(first.text)")
                #expect(try await Self.cosignedSize(of: log, at: witness) == nil)

                #expect(try await Self.post(try await log.request(old: 0, size: index), to: witness).status == 200)
                let again = try await Self.post(try await log.request(old: index, size: index + 1), to: witness)
                #expect(again.status == 422 && again.text == first.text, "\(again.text)")
                #expect(try await Self.cosignedSize(of: log, at: witness) == index, "the cosigned checkpoint does not advance")
                #expect(try await store.replay(origin: log.origin)?.size == index)

                let refusals = try await store.refusals()
                #expect(refusals.count == 1, "the same checkpoint refused twice is kept once")
                #expect(refusals.first?.index == index && refusals.first?.entry == forged && refusals.first?.checkpoint.size == index + 1)
                #expect(refusals.first?.reason.hasPrefix("wrong_decision: ") == true)
                #expect(try Checkpoint.open(try #require(refusals.first?.note), logKey: log.key).0.size == index + 1)
            }
            // The log itself is sound: every bundle, tile and the root match the checkpoint the node key signed.
            let audited = try await LogAuditor(client: LogClient(fetcher: HTTPLogFetcher(prefix: url), logKey: log.key)).audit()
            #expect(audited.size == index + 1)
        }
    }

    @Test("a log it cannot reach, or that does not serve the entries, is 503; entries that do not make the signed tree are 422; nothing is cosigned")
    func unreachableAndUnfaithful() async throws {
        let record = Self.record
        let log = try ServedForumLog(entries: record.entries, nodeSigner: record.forum.node)
        var altered = record.entries
        altered[altered.count - 1] = Array("an entry the log did not sign".utf8)
        let fork = try ServedForumLog(entries: altered, nodeSigner: record.forum.node)
        let size = UInt64(record.entries.count)
        try await fork.integrate(upTo: size)
        try await log.serve { _ in
            try await fork.serve { forkURL in
                for (url, status, says) in [
                    ("http://127.0.0.1:1/log", 503, "could not fetch the log's entries"), (forkURL + "/elsewhere", 503, "does not serve"),
                    (forkURL, 422, "do not make the tree of the signed checkpoint"),
                ] {
                    let setup = try Setup()
                    defer { setup.remove() }
                    try await setup.serve(auditing: log, at: url) { witness, store in
                        let answer = try await Self.post(try await log.request(old: 0, size: size), to: witness)
                        #expect(answer.status == status && answer.text.contains(says), "\(url): \(answer.status) \(answer.text)")
                        #expect(try await Self.cosignedSize(of: log, at: witness) == nil)
                        #expect(try await store.replay(origin: log.origin) == nil)
                        #expect(try await store.refusals().isEmpty)
                    }
                }
            }
        }
    }
}
