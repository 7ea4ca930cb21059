import PropertyBased
import RoundtableDomain
import RoundtableTestSupport
import Testing

/// The tally of the governance state machine against a straightforward reference, over random electorates and vote
/// sequences (with changed votes), thresholds and quorums.
@Suite("Tally: property-based against a reference")
struct TallyPropertyTests {
    static let quorums = [(1, 2), (1, 3), (2, 3)]

    /// The rules of procedure in plain words: each member's last vote counts; more than the quorum fraction of the
    /// electorate must be present; abstentions are present but not voting; no yes or no rejects; a simple majority
    /// needs more yes than no; two-thirds needs yes to be at least two-thirds of yes + no.
    static func reference(electorate: Int, votes: [(Int, VoteChoice)], twoThirds: Bool, quorum: (Int, Int)) -> (Outcome, Int, Int, Int) {
        var last: [Int: VoteChoice] = [:]
        for (member, choice) in votes { last[member] = choice }
        let yes = last.values.filter { $0 == .yes }.count
        let no = last.values.filter { $0 == .no }.count
        let abstain = last.values.filter { $0 == .abstain }.count
        let present = last.count
        if present * quorum.1 <= electorate * quorum.0 { return (.noDecision, yes, no, abstain) }
        if yes + no == 0 { return (.rejected, yes, no, abstain) }
        let adopted = twoThirds ? 3 * yes >= 2 * (yes + no) : yes > no
        return (adopted ? .adopted : .rejected, yes, no, abstain)
    }

    @Test("the decision and its counts match the reference")
    func matchesReference() async throws {
        let votes = zip(Gen.int(in: 0..<25), Gen<VoteChoice>.case).array(of: 0...60)
        await propertyCheck(count: 60, input: Gen.int(in: 1...25), votes, Gen.bool, Gen.int(in: 0...2)) { size, votes, twoThirds, q in
            let quorum = Self.quorums[q]
            let votes = votes.map { ($0.0 % size, $0.1) }
            do {
                let rules = try Rules(
                    quorum: Fraction(quorum.0, quorum.1), circulation: 0, silence: 1, votingWindow: 10, important: [.procedural])
                let ids = (0..<size).map { "m\($0)" }
                var s = try GovernanceScenario(forum: TestForum(memberIDs: ids, rules: rules))
                let id = try s.propose("m0", twoThirds ? .procedural : .norm)
                try s.runClerk()
                try s.act(ids[min(1, size - 1)], .object(proposal: id, reason: nil))
                try s.runClerk()
                for (member, choice) in votes { try s.act(ids[member], .vote(proposal: id, choice: choice)) }
                try s.advance(10)
                let decision = try #require(s.proposal(id)?.decision)
                let (outcome, yes, no, abstain) = Self.reference(electorate: size, votes: votes, twoThirds: twoThirds, quorum: quorum)
                #expect(decision.outcome == outcome)
                #expect(decision.count?.tally == Tally(electorate: size, yes: yes, no: no, abstain: abstain))
                #expect(decision.count?.threshold == (twoThirds ? .twoThirds : .simpleMajority))
            } catch {
                Issue.record(error)
            }
        }
    }
}
