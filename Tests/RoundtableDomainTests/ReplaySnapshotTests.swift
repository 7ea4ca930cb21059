import Foundation
import RoundtableDomain
import RoundtableTestSupport
import Testing

/// A replay stopped anywhere, saved as JSON and resumed, ends where a replay of the whole log ends.
@Suite("A forum replay's snapshot")
struct ReplaySnapshotTests {
    static let record = try! GovernanceScenario.record(ballots: 6)

    static func replay(_ entries: ArraySlice<[UInt8]>, from snapshot: ReplaySnapshot = ReplaySnapshot()) async -> ReplayPipeline {
        var pipeline = ReplayPipeline(resuming: snapshot, batchSize: 5, parallelism: 2)
        await pipeline.feed(Array(entries.prefix(3)))
        await pipeline.feed(Array(entries.dropFirst(3)))
        await pipeline.finish()
        return pipeline
    }

    @Test("the record holds 13 + 11 entries a ballot, and its whole replay gives the state the acts made")
    func wholeReplay() async {
        let entries = Self.record.entries
        #expect(entries.count == 13 + 11 * 6)
        let whole = await Self.replay(entries[...])
        #expect(whole.replay.problems.isEmpty)
        #expect(whole.replay.state == Self.record.state)
        #expect(whole.replay.state?.governance.proposals.values.filter { $0.decision?.outcome == .rejected }.count == 3)
    }

    @Test("a snapshot taken after any entry survives JSON, and the replay resumed from it ends in the same state", arguments: [0, 1, 2, 14, 40, 78])
    func resumed(after cut: Int) async throws {
        let entries = Self.record.entries
        let first = await Self.replay(entries[..<cut])
        let decoded = try JSONDecoder().decode(ReplaySnapshot.self, from: try JSONEncoder().encode(first.snapshot))
        #expect(decoded.state == first.replay.state)
        #expect(decoded.nextIndex == UInt64(cut))
        let rest = await Self.replay(entries[cut...], from: decoded)
        #expect(rest.replay.problems.map(\.description) == [])
        #expect(rest.replay.state == Self.record.state)
        #expect(rest.replay.nextIndex == UInt64(entries.count))
    }

    @Test("entries replayed as already verified give the state a verifying replay gives, and the keys to verify what follows")
    func replayedAsVerified() async throws {
        let entries = Self.record.entries
        var trusted = ReplayPipeline(parallelism: 2)
        trusted.replayVerified(Array(entries.prefix(50)))
        #expect(trusted.replay.state == (await Self.replay(entries[..<50])).replay.state)
        let rest = await Self.replay(entries[50...], from: trusted.snapshot)
        #expect(rest.replay.problems.isEmpty)
        #expect(rest.replay.state == Self.record.state)
    }

    @Test("a decision contradicting its votes after the snapshot is refused at its index, with its entry")
    func forgedAfterSnapshot() async throws {
        var record = Self.record
        let id = try record.ballot(proposer: "ee", votes: [("ee", .yes), ("fr", .no), ("ke", .no)], decide: false)
        let forged = try record.forgedDecision(of: id)
        let before = await Self.replay(record.entries[..<30])
        let snapshot = try JSONDecoder().decode(ReplaySnapshot.self, from: try JSONEncoder().encode(before.snapshot))
        let rest = await Self.replay((record.entries + [forged])[30...], from: snapshot)
        #expect(rest.replay.problems.map(\.index) == [UInt64(record.entries.count)])
        #expect(rest.replay.problems.first?.error.code == .wrongDecision)
        #expect(rest.replay.problems.first?.entry == forged)
    }
}
