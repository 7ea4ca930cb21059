import RoundtableDomain
import RoundtableTestSupport
import Testing

/// Witnessed time against a ballot's window: a counted vote that a checkpoint cosigned after the window ended does not
/// include was logged late.
@Suite("Late votes by witnessed time")
struct LateVoteTests {
    /// A decided ballot with three counted votes; returns the state, the ballot's close time and the votes' indexes.
    static func decidedBallot() throws -> (ForumState, Timestamp, [String: UInt64]) {
        let rules = try Rules(quorum: Fraction(1, 2), circulation: 10, silence: 20, votingWindow: 60, important: [])
        var s = try GovernanceScenario(forum: TestForum(memberIDs: ["ee", "fr", "ke"], rules: rules))
        let id = try s.propose("ee")
        try s.runClerk()
        try s.advance(10)
        try s.act("fr", .object(proposal: id, reason: "a recorded vote, please"))
        try s.runClerk()
        var indexes: [String: UInt64] = [:]
        for member in ["ee", "fr", "ke"] { indexes[member] = try s.act(member, .vote(proposal: id, choice: .yes)) }
        try s.advance(60)
        let ballot = try #require(s.proposal(id)?.ballot)
        #expect(s.proposal(id)?.decision != nil)
        return (s.state, ballot.opening.closes, indexes)
    }

    @Test("a vote at or past the size of a checkpoint witnessed after the window's end is late; one before it is not")
    func flagsLateVotes() throws {
        let (state, closes, votes) = try Self.decidedBallot()
        let late = Timestamp(seconds: closes.seconds + 5)
        // The witnesses saw a tree holding ee's and fr's votes but not ke's, five seconds after the window ended.
        let found = state.lateVotes(witnessed: [(size: votes["ke"]!, at: late)])
        #expect(found.map(\.member.rawValue) == ["ke"])
        #expect(found.first?.index == votes["ke"] && found.first?.checkpointSize == votes["ke"])
        #expect(found.first?.description.contains("logged late") == true)
    }

    @Test("no late vote when the checkpoint was witnessed before the window ended, or already included every vote")
    func inTime() throws {
        let (state, closes, votes) = try Self.decidedBallot()
        #expect(state.lateVotes(witnessed: [(size: votes["ke"]!, at: closes)]).isEmpty, "witnessed at the end itself: not after it")
        #expect(state.lateVotes(witnessed: [(size: votes.values.max()! + 1, at: Timestamp(seconds: closes.seconds + 5))]).isEmpty)
        #expect(state.lateVotes(witnessed: []).isEmpty)
    }
}
