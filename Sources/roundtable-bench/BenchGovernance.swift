import Crypto
import Foundation
import RoundtableClient
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// A forum's governance record for the benchmarks: every member proposes, objects and votes as it would live.
enum BenchGovernance {
    /// Short periods, so that the clerk can be driven by a clock the benchmark moves.
    static let rules = try! Rules(quorum: Fraction(1, 2), circulation: 0, silence: 60, votingWindow: 60, important: [.admission, .suspension])

    /// Proposals, objections, ballots, every member's vote on each, and the node's closing acts and decisions.
    static func decide(proposals: Int, members: Int, in bench: BenchForum) async throws {
        let forum = bench.forum
        let text = Array("A norm of responsible state behaviour in cyberspace.\n".utf8)
        let digest = Array(SHA256.hash(data: text))
        try await forum.store.store(StoredDocument(sha256: digest, mediaType: "text/plain; charset=utf-8", bytes: text))
        var now = Timestamp(seconds: Int64(Date().timeIntervalSince1970) - 86_400)
        let ids = (1...members).map { "m\($0)" }

        try await eachMember(ids, bench) { member, index in
            try stride(from: index, to: proposals, by: ids.count).map { number in
                .propose(try ProposalDraft(kind: .norm, title: "Norm \(number + 1)", document: digest))
            }
        }
        try await clerk(forum, now)
        let proposalIDs = forum.state.governance.openProposals.sorted()
        try await eachMember(ids, bench) { _, index in
            stride(from: index, to: proposalIDs.count, by: ids.count).map { .object(proposal: proposalIDs[$0], reason: nil) }
        }
        try await clerk(forum, now)
        print("  \(proposals) ballots open; voting")
        try await eachMember(ids, bench) { _, index in
            proposalIDs.map { id in
                let roll = (UInt64(index) &* 2_654_435_761 &+ id &* 40_503) % 20
                return .vote(proposal: id, choice: roll < 11 ? .yes : roll < 16 ? .no : .abstain)
            }
        }
        now = now.adding(60)
        try await clerk(forum, now)
        let decided = forum.state.governance.proposals.values.filter { $0.stage == .decided }.count
        guard decided == proposals else { throw CLIError("only \(decided) of \(proposals) proposals were decided") }
    }

    /// Submits each member's acts in order, the members concurrently, so that batches form as they would live.
    private static func eachMember(
        _ ids: [String],
        _ bench: BenchForum,
        _ bodies: @escaping @Sendable (String, Int) throws -> [Act.Body]
    ) async throws {
        let forum = bench.forum
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let member = try MemberID(id)
                    for body in try bodies(id, index) {
                        let act = Act(
                            origin: bench.origin,
                            actor: .member(member),
                            sequence: forum.state.members[member]!.lastSequence + 1,
                            body: body
                        )
                        _ = try await forum.submit(try act.signed(by: [bench.keys[id]!]).bytes)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static func clerk(_ forum: ForumNode<SQLiteForumStore>, _ now: Timestamp) async throws {
        while try await !forum.performDueActs(now: now).isEmpty {}
    }

}
