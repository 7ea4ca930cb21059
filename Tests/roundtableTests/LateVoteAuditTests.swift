import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// An operator that kept a ballot open past its window and counted a vote logged after it: the member's witness had
/// cosigned a checkpoint after the window ended that did not include the vote, and `roundtable audit`'s auditor, which
/// recomputes witnessed time from `/api/v1/witnessed`, flags the vote.
@Suite("roundtable audit flags votes logged after their ballot closed, by witnessed time")
struct LateVoteAuditTests {
    @Test("a vote counted though a checkpoint witnessed after the window's end does not include it is a late vote")
    func flagsLateVote() async throws {
        let rules = try Rules(quorum: Fraction(1, 2), circulation: 0, silence: 10, votingWindow: 60, important: [])
        let forum = try TestForum(memberIDs: ["ee", "fr", "ke"], rules: rules)
        var s = try GovernanceScenario(forum: forum)
        let witness = try CosignatureSigner(try NoteSigner.generate(name: "witness.ee.test"))
        try s.act("ee", .credential([.addWitness(witness.verifier, url: "https://witness.ee.test")]))
        let id = try s.propose("ee")
        try s.runClerk()
        try s.act("fr", .object(proposal: id, reason: "a recorded vote, please"))
        try s.runClerk()
        try s.act("ee", .vote(proposal: id, choice: .yes))
        try s.act("fr", .vote(proposal: id, choice: .yes))
        let closes = try #require(s.proposal(id)?.ballot?.opening.closes)
        let beforeLateVote = UInt64(s.entries.count)
        // The window ends; the operator holds the ballot open and takes Kenya's vote, then closes and decides.
        s.now = Timestamp(seconds: closes.seconds + 30)
        let late = try s.act("ke", .vote(proposal: id, choice: .no))
        try s.runClerk()
        #expect(s.proposal(id)?.decision != nil)

        let node = try await forum.open(on: InMemoryForumStore(state: s.state, entries: s.entries))
        try await node.log.integrateAndPublish()
        // The witness cosigned the tree without Kenya's vote 5 s after the window ended, and the whole log later.
        func cosign(_ entries: ArraySlice<[UInt8]>, at time: Int64) throws -> WitnessedCheckpoint {
            var range = CompactRange()
            for entry in entries { range.append(MerkleHasher.leafHash(entry)) }
            let text = Checkpoint(origin: node.log.origin, size: UInt64(entries.count), root: range.rootHash).text
            let signed = try SignedNote.sign(text: text, with: [node.log.signer])
            let note = try SignedNote(
                text: text, signatures: signed.signatures + [try witness.cosign(checkpointText: text, timestamp: UInt64(time))])
            return WitnessedCheckpoint(size: UInt64(entries.count), note: note.bytes, cosigners: [witness.verifier.name], witnessedAt: time)
        }
        try await node.store.storeCosignedCheckpoint(try cosign(s.entries[..<Int(beforeLateVote)], at: closes.seconds + 5))
        try await node.store.storeCosignedCheckpoint(try cosign(s.entries[...], at: closes.seconds + 40))

        let app = try buildApplication(
            configuration: RoundtableConfiguration(checkpointInterval: nil, clerkInterval: nil), forum: node, logger: Logger(label: "test"))
        let report = try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port!)"
            let logClient = LogClient(fetcher: HTTPLogFetcher(prefix: url + "/log"), logKey: node.log.signer.verifier)
            return try await ForumAuditor(client: logClient, batchSize: 64, nodeURL: url).audit(progress: { _ in })
        }
        #expect(report.problems.isEmpty, "every act follows from the ones before it: only witnessed time shows the fault")
        #expect(report.witnessProblem == nil)
        #expect(report.lateVotesUnchecked == nil)
        #expect(report.lateVotes.map(\.member.rawValue) == ["ke"])
        #expect(report.lateVotes.first?.index == late && report.lateVotes.first?.checkpointSize == beforeLateVote)
        #expect(!report.passed && report.summary.contains("LATE VOTE proposal \(id): the vote of ke"))
    }
}
