import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableNode
import RoundtableAPI
import RoundtableClient

/// `roundtable audit` recomputes every member's communication figures from its own replay of the log and compares them
/// with the node's `/api/v1/communication`: a node that agrees passes; an answer that differs fails, naming the member
/// and the figure.
@Suite("roundtable audit checks the node's communication figures")
struct CommunicationAuditTests {
    @Test("a real node's figures agree with the audit's replay; a tampered answer of the same log fails the audit")
    func realNodeAndTamperedAnswer() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-communication-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let forum = try TestForum(origin: "communication.test")
        // The record is written on the node's own database before the node process opens it.
        try KeyFile.write(forum.node, to: data + "/node.key")
        do {
            let node = try await forum.open(on: try SQLiteForumStore(path: data + "/roundtable.sqlite"))
            _ = try await CommunicationScenario(forum: forum, node: node, withWitness: false)
        }
        let process = try DurabilityTests.startNode(forum: forum, directory: directory, data: data, log: directory + "/node.log")
        try await process.waitUntilServing()
        let url = process.url
        let size = try JSONDecoder().decode(API.Forum.self, from: Data(try await getBytes(url + "/api/v1/forum").1)).entries
        try await waitUntil {  // the first checkpoint is published a moment after the node starts
            let (status, note) = try await getBytes(url + "/log/checkpoint")
            return status == .ok && (try? Checkpoint(parsing: try SignedNote(parsing: note).text))?.size == size
        }
        let vkey = String(decoding: try await getBytes(url + "/log/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = try LogOptions.parse(["--url", url + "/log", "--vkey", vkey]).client()
        let report = try await ForumAuditor(client: client, batchSize: 16, nodeURL: url).audit { _ in }
        #expect(report.communicationUnchecked == nil)
        #expect(report.communicationDifferences.isEmpty, "\(report.communicationDifferences)")
        #expect(report.passed && report.summary.contains("the node's communication figures match the replayed log"), "\(report.summary)")
        try await Audit.parse(["--url", url, "--vkey", vkey]).run()

        var figures = try JSONDecoder().decode(API.CommunicationFigures.self, from: Data(try await getBytes(url + "/api/v1/communication").1))
        #expect(figures.members.first { $0.member == "ke" }?.overdue == 1)
        #expect(process.stop() == 0)

        // The same log, served with figures that hide Kenya's overdue request.
        let index = try #require(figures.members.firstIndex { $0.member == "ke" })
        figures.members[index].overdue = 0
        let tampered = ByteBuffer(bytes: try JSONEncoder().encode(figures))
        let store = try SQLiteForumStore(path: data + "/roundtable.sqlite")
        var entries: [[UInt8]] = []
        for position in 0..<(try await store.entryCount()) { entries.append(try #require(try await store.entry(at: position))) }
        let log = try ForumLog(store: InMemoryForumStore(entries: entries), nodeSigner: forum.node, forumOrigin: forum.origin)
        _ = try await log.integrateAndPublish()
        let router = Router()
        LogController(log: log).addRoutes(log: router.group("log"), acts: router.group("api/v1/acts"), api: router.group("api/v1"))
        router.get("api/v1/communication") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: tampered))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { liveClient in
            let double = "http://127.0.0.1:\(liveClient.port!)"
            let client = try LogOptions.parse(["--url", double + "/log", "--vkey", vkey]).client()
            let report = try await ForumAuditor(client: client, batchSize: 16, nodeURL: double).audit { _ in }
            #expect(report.problems.isEmpty)
            #expect(report.communicationDifferences.map(\.description) == ["member ke: overdue is 0 at the node but 1 by the replayed log"])
            #expect(!report.passed && report.summary.contains("WRONG FIGURE member ke: overdue is 0"))
            await #expect(throws: ExitCode.self) { try await Audit.parse(["--url", double, "--vkey", vkey]).run() }
        }
    }

    @Test("with a member witness, the median time to acknowledge agrees: the audit recomputes witnessed time itself")
    func witnessedMedian() async throws {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let scenario = try await CommunicationScenario(forum: forum, node: node)
        let witness = try #require(scenario.witness)
        try await node.publishLog()  // with a witness registered, the log serves the latest cosigned checkpoint
        let entries = try await store.entries(from: 0, limit: Int(try await store.entryCount()))
        // The witness cosigned the whole log 600 s after the delivery.
        var range = CompactRange()
        for entry in entries { range.append(MerkleHasher.leafHash(entry)) }
        let text = Checkpoint(origin: node.log.origin, size: UInt64(entries.count), root: range.rootHash).text
        let time = CommunicationScenario.deliveredAt.seconds + 600
        let signed = try SignedNote.sign(text: text, with: [node.log.signer])
        let note = try SignedNote(text: text, signatures: signed.signatures + [try witness.cosign(checkpointText: text, timestamp: UInt64(time))])
        try await node.store.storeCosignedCheckpoint(
            WitnessedCheckpoint(size: UInt64(entries.count), note: note.bytes, cosigners: [witness.verifier.name], witnessedAt: time))

        let app = try buildApplication(
            configuration: RoundtableConfiguration(checkpointInterval: nil, clerkInterval: nil), forum: node, logger: Logger(label: "test"))
        let (report, published) = try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let logClient = LogClient(fetcher: HTTPLogFetcher(prefix: url + "/log"), logKey: node.log.signer.verifier)
            let figures: API.CommunicationFigures = try await NodeHTTP.getJSON(url + "/api/v1/communication")
            return (try await ForumAuditor(client: logClient, batchSize: 64, nodeURL: url).audit(progress: { _ in }), figures)
        }
        #expect(published.members.first { $0.member == "fr" }?.medianSecondsToAcknowledge == 600)
        #expect(report.witnessProblem == nil && report.communicationUnchecked == nil)
        #expect(report.communicationDifferences.isEmpty, "\(report.communicationDifferences)")
        #expect(report.passed, "\(report.summary)")
    }
}
