import Foundation
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

/// The proposal lifecycle and the edge cases of the rules of procedure, as a value-type state machine: no I/O.
@Suite("Governance: proposals, ballots and decisions")
struct GovernanceTests {
    /// Circulation 10 s, silence 20 s, ballots open 60 s; seven members.
    static let rules = try! Rules(quorum: Fraction(1, 2), circulation: 10, silence: 20, votingWindow: 60, important: [.admission, .suspension])
    static let members = ["br", "ee", "fr", "in", "jp", "ke", "za"]

    func scenario(members: [String] = Self.members) throws -> GovernanceScenario {
        try GovernanceScenario(forum: TestForum(memberIDs: members, rules: Self.rules))
    }

    /// Proposes, circulates, opens the consensus call, has `objector` ask for a vote, and opens the ballot.
    func openBallot(_ s: inout GovernanceScenario, by proposer: String = "ee", kind: ProposalKind = .norm,
                    subject: ProposalDraft.Subject = .none, objector: String = "fr") throws -> UInt64 {
        let id = try s.propose(proposer, kind, subject: subject)
        try s.runClerk()
        try s.advance(10)
        #expect(s.proposal(id)?.stage == .consensusCall)
        try s.act(objector, .object(proposal: id, reason: "we ask for a recorded vote"))
        try s.runClerk()
        #expect(s.proposal(id)?.stage == .ballot)
        return id
    }

    func vote(_ s: inout GovernanceScenario, _ id: UInt64, _ votes: [String: VoteChoice]) throws {
        for (member, choice) in votes.sorted(by: { $0.key < $1.key }) { try s.act(member, .vote(proposal: id, choice: choice)) }
    }

    func closeAndDecide(_ s: inout GovernanceScenario, _ id: UInt64) throws -> DecisionRecord {
        try s.advance(60)
        let proposal = try #require(s.proposal(id))
        #expect(proposal.stage == .decided)
        return try #require(proposal.decision)
    }

    @Test("consensus: silence through the silence period adopts without a vote")
    func adoptedWithoutVote() throws {
        var s = try scenario()
        let id = try s.propose("ee")
        try s.runClerk()
        #expect(s.proposal(id)?.stage == .circulated)
        try s.advance(9)
        #expect(s.proposal(id)?.stage == .circulated, "the circulation period is 10 s")
        try s.advance(1)
        #expect(s.proposal(id)?.stage == .consensusCall)
        try s.advance(19)
        #expect(s.proposal(id)?.stage == .consensusCall, "the silence period is 20 s")
        try s.advance(1)
        let decision = try #require(s.proposal(id)?.decision)
        #expect(decision.outcome == .adoptedWithoutVote)
        #expect(decision.count == nil)
        #expect(s.proposal(id)?.timeline.map(\.kind) == [.proposed, .circulated, .consensusCall, .decided])
    }

    @Test("an objection during circulation is refused; during the consensus call it opens a recorded ballot")
    func objectionOpensBallot() throws {
        var s = try scenario()
        let id = try s.propose("ee")
        try s.runClerk()
        #expect(throws: ActError(.wrongStage, "")) { try s.act("fr", .object(proposal: id, reason: nil)) }
        try s.advance(10)
        try s.act("fr", .object(proposal: id, reason: nil))
        #expect(throws: ActError(.conflict, "")) { try s.act("fr", .object(proposal: id, reason: nil)) }
        try s.runClerk()
        let ballot = try #require(s.proposal(id)?.ballot)
        #expect(ballot.electorate.count == 7)
        #expect(ballot.opening.threshold == .simpleMajority)
        #expect(ballot.opening.closes == s.now.adding(60))
    }

    @Test("quorum failure is no decision, not a rejection")
    func quorumFailure() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .yes, "ee": .yes, "fr": .no])  // 3 of 7 present: not more than half
        let decision = try closeAndDecide(&s, id)
        #expect(decision.outcome == .noDecision)
        #expect(decision.count?.tally == Tally(electorate: 7, yes: 2, no: 1, abstain: 0))
    }

    @Test("abstentions count for quorum; a tie rejects")
    func tie() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .yes, "ee": .yes, "fr": .no, "in": .no, "jp": .abstain])
        #expect(try closeAndDecide(&s, id).outcome == .rejected)
    }

    @Test("all abstain: quorum met, never adopted")
    func allAbstain() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .abstain, "ee": .abstain, "fr": .abstain, "in": .abstain])
        let decision = try closeAndDecide(&s, id)
        #expect(decision.outcome == .rejected)
        #expect(decision.count?.tally.present == 4)
    }

    @Test("two-thirds: yes = 2 × no adopts, yes = 2 × no − 1 rejects")
    func twoThirdsBoundary() throws {
        var s = try scenario()
        let key = try s.newKey(for: "cl")
        let admission = ProposalDraft.Subject.admission(Genesis.Founder(id: try MemberID("cl"), key: key, displayName: "Republic of Chile"))
        let adopted = try openBallot(&s, kind: .admission, subject: admission)
        #expect(s.proposal(adopted)?.ballot?.opening.threshold == .twoThirds)
        try vote(&s, adopted, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes, "jp": .no, "ke": .no, "za": .abstain])
        let decision = try closeAndDecide(&s, adopted)
        #expect(decision.outcome == .adopted)
        #expect(decision.count?.threshold == .twoThirds)
        #expect(s.state.members[try MemberID("cl")]?.status == .active, "an adopted admission takes effect from the decision")

        let rejected = try openBallot(&s, kind: .suspension, subject: .suspension(try MemberID("za")))
        try vote(&s, rejected, ["br": .yes, "ee": .yes, "fr": .yes, "in": .no, "jp": .no, "ke": .abstain])
        #expect(try closeAndDecide(&s, rejected).outcome == .rejected)
        #expect(s.state.members[try MemberID("za")]?.status == .active)
    }

    @Test("a member may change its vote until the ballot closes; the last one counts, and votes after close are refused")
    func voteChangesAndClose() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .no, "ee": .yes, "fr": .yes, "in": .yes])
        try s.act("br", .vote(proposal: id, choice: .abstain))
        try s.act("br", .vote(proposal: id, choice: .yes))
        let vote = try #require(s.proposal(id)?.ballot?.votes[try MemberID("br")])
        #expect(vote.choice == .yes)
        #expect(vote.replaced == 2)
        let decision = try closeAndDecide(&s, id)
        #expect(decision.count?.tally == Tally(electorate: 7, yes: 4, no: 0, abstain: 0))
        #expect(throws: ActError(.wrongStage, "")) { try s.act("jp", .vote(proposal: id, choice: .no)) }
        #expect(throws: ActError(.wrongStage, "")) { try s.act("br", .vote(proposal: id, choice: .no)) }
    }

    @Test("closing is by log position: a vote ordered after the close act is refused even before the decision")
    func closingByLogPosition() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .yes, "ee": .yes, "fr": .yes, "in": .no])
        s.now = s.now.adding(60)
        let close = try s.nodeAct(.close(proposal: id, at: s.now))
        #expect(throws: ActError(.wrongStage, "")) { try s.act("jp", .vote(proposal: id, choice: .no)) }
        try s.runClerk()
        #expect(s.proposal(id)?.decision?.counted == s.proposal(id)!.ballot!.index...close)
        #expect(s.proposal(id)?.decision?.outcome == .adopted)
    }

    @Test("the node cannot close a ballot before its window ends, nor date an act before its previous one")
    func nodeTimeRules() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        #expect(throws: ActError(.wrongTime, "")) { try s.nodeAct(.close(proposal: id, at: s.now.adding(59))) }
        #expect(throws: ActError(.wrongTime, "")) { try s.nodeAct(.close(proposal: id, at: s.now.adding(-1))) }
    }

    @Test("votes by a non-member, a suspended member, a member admitted after the ballot opened, and a replayed vote are refused")
    func refusedVoters() throws {
        var s = try scenario()
        // Suspend za and admit cl, both by two-thirds.
        let suspension = try openBallot(&s, kind: .suspension, subject: .suspension(try MemberID("za")))
        try vote(&s, suspension, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes, "jp": .yes])
        #expect(try closeAndDecide(&s, suspension).outcome == .adopted)
        #expect(s.state.members[try MemberID("za")]?.status == .suspended)

        let key = try s.newKey(for: "cl")
        let norm = try openBallot(&s)  // opens with six active members: cl is not one yet
        #expect(s.proposal(norm)?.ballot?.electorate.count == 6)
        let admission = try openBallot(
            &s, kind: .admission, subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: key, displayName: "Republic of Chile")))
        try vote(&s, admission, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes])
        #expect(try closeAndDecide(&s, admission).outcome == .adopted)
        // The first ballot is still open? Its window ended too: reopen a fresh one for the checks.
        let open = try openBallot(&s)
        #expect(s.proposal(open)?.ballot?.electorate.contains(try MemberID("cl")) == true)

        let late = try openBallot(&s)
        try s.act("ee", .vote(proposal: late, choice: .yes))
        #expect(throws: ActError(.unknownMember, "")) { try s.act("xx", .vote(proposal: late, choice: .yes)) }
        #expect(throws: ActError(.suspendedMember, "")) { try s.act("za", .vote(proposal: late, choice: .yes)) }
        #expect(throws: ActError(.replayed, "")) {
            try s.act("ee", .vote(proposal: late, choice: .no), seq: s.state.members[try MemberID("ee")]!.lastSequence)
        }
        #expect(s.proposal(late)?.ballot?.votes[try MemberID("ee")]?.choice == .yes, "the replay changed nothing")
        _ = norm
    }

    @Test("a member admitted after a ballot opened may not vote in it")
    func admittedAfterOpening() throws {
        var s = try scenario()
        let key = try s.newKey(for: "cl")
        let admission = try openBallot(
            &s, kind: .admission, subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: key, displayName: "Republic of Chile")))
        try vote(&s, admission, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes])
        // A second ballot opens before the admission is decided, with its window running past the decision.
        let norm = try s.propose("ke")
        try s.runClerk()
        try s.advance(10)
        try s.act("fr", .object(proposal: norm, reason: nil))
        try s.runClerk()
        try s.advance(50)  // the admission's window ends; the norm's does not
        #expect(s.proposal(admission)?.decision?.outcome == .adopted)
        #expect(s.proposal(norm)?.stage == .ballot)
        #expect(throws: ActError(.notInElectorate, "")) { try s.act("cl", .vote(proposal: norm, choice: .yes)) }
    }

    @Test("explanations of vote: allowed to voters, refused to the sponsor on its own text and before a ballot")
    func explanations() throws {
        var s = try scenario()
        let id = try s.propose("ee")
        try s.runClerk()
        #expect(throws: ActError(.wrongStage, "")) { try s.act("fr", .explain(proposal: id, text: "too early")) }
        try s.advance(10)
        try s.act("fr", .object(proposal: id, reason: nil))
        try s.runClerk()
        try s.act("fr", .explain(proposal: id, text: "We vote no because the text is too broad."))
        #expect(throws: ActError(.sponsorExplanation, "")) { try s.act("ee", .explain(proposal: id, text: "We support our own text.")) }
        #expect(s.proposal(id)?.explanations.map(\.member.rawValue) == ["fr"])
    }

    @Test("withdrawal: only by the proposer, and only before voting starts")
    func withdrawal() throws {
        var s = try scenario()
        let id = try s.propose("ee")
        try s.runClerk()
        #expect(throws: ActError(.notProposer, "")) { try s.act("fr", .withdraw(proposal: id)) }
        try s.act("ee", .withdraw(proposal: id))
        #expect(s.proposal(id)?.stage == .withdrawn)
        #expect(try s.advance(100).isEmpty, "nothing is owed on a withdrawn proposal")

        let voted = try openBallot(&s)
        #expect(throws: ActError(.wrongStage, "")) { try s.act("ee", .withdraw(proposal: voted)) }
        #expect(throws: ActError(.unknownProposal, "")) { try s.act("ee", .withdraw(proposal: 9_999)) }
    }

    @Test("a rules amendment needs two-thirds and applies to ballots opened after its decision, not before")
    func rulesAmendment() throws {
        var s = try scenario()
        let amendment = try openBallot(&s, kind: .rules, subject: .rules([.votingWindow(120), .quorum(try Fraction(2, 3))]))
        #expect(s.proposal(amendment)?.ballot?.opening.threshold == .twoThirds)
        let before = try openBallot(&s, by: "ke")
        try vote(&s, amendment, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes, "jp": .no])
        try vote(&s, before, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes, "jp": .no])
        try s.advance(60)
        #expect(s.proposal(amendment)?.decision?.outcome == .adopted)
        #expect(s.state.governance.rulesVersion == 2)
        #expect(s.state.governance.rules.votingWindow == 120)
        // The ballot opened before the amendment kept the old quorum (5 of 7 > 1/2), and its 60 s window.
        #expect(s.proposal(before)?.decision?.count?.quorum == (try Fraction(1, 2)))
        let after = try openBallot(&s)
        #expect(s.proposal(after)?.ballot?.opening.closes == s.now.adding(120))
        #expect(s.proposal(after)?.ballot?.opening.rulesVersion == 2)
        try vote(&s, after, ["br": .yes, "ee": .yes, "fr": .yes, "in": .yes])  // 4 of 7 is not more than 2/3
        try s.advance(120)
        #expect(s.proposal(after)?.decision?.outcome == .noDecision)
    }

    @Test("a decision that contradicts the votes is refused")
    func wrongDecision() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .yes, "ee": .yes, "fr": .no, "in": .no, "jp": .no])
        s.now = s.now.adding(60)
        let close = try s.nodeAct(.close(proposal: id, at: s.now))
        let ballot = try #require(s.proposal(id)?.ballot)
        let forged = DecisionRecord(
            proposal: id, at: s.now, outcome: .adopted,
            count: .init(threshold: .simpleMajority, quorum: try Fraction(1, 2), tally: Tally(electorate: 7, yes: 3, no: 2, abstain: 0)),
            counted: ballot.index...close)
        #expect(throws: ActError(.wrongDecision, "")) { try s.nodeAct(.decision(forged)) }
        #expect(throws: ActError(.nodeOnly, "")) { try s.act("ee", .decision(forged)) }
    }

    @Test("admission and suspension proposals are checked against the membership when proposed")
    func subjectsChecked() throws {
        var s = try scenario()
        let eeKey = s.forum.keys["ee"]!.verifier
        #expect(throws: ActError(.conflict, "")) {
            try s.propose("fr", .admission, subject: .admission(Genesis.Founder(id: try MemberID("ee"), key: eeKey, displayName: "Estonia")))
        }
        #expect(throws: ActError(.conflict, "")) {
            try s.propose("fr", .admission, subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: eeKey, displayName: "Chile")))
        }
        #expect(throws: ActError(.unknownMember, "")) { try s.propose("fr", .suspension, subject: .suspension(try MemberID("xx"))) }
        let key = try s.newKey(for: "cl")
        try s.propose("fr", .admission, subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: key, displayName: "Chile")))
        #expect(throws: ActError(.conflict, "")) {
            try s.propose("ke", .admission, subject: .admission(Genesis.Founder(id: try MemberID("cl"), key: key, displayName: "Chile")))
        }
    }

    @Test("a replay of the record rebuilds the same state, and reports an injected wrong decision")
    func replay() throws {
        var s = try scenario()
        let id = try openBallot(&s)
        try vote(&s, id, ["br": .yes, "ee": .yes, "fr": .no, "in": .yes])
        _ = try closeAndDecide(&s, id)
        var replay = ForumReplay()
        for entry in s.entries { replay.apply(entry: entry, checkingSignature: true) }
        #expect(replay.problems.isEmpty)
        #expect(replay.state == s.state)

        // The same record with the decision's yes count changed, re-signed with the node key.
        let decisionIndex = Int(try #require(s.proposal(id)?.decisionIndex))
        let note = try SignedNote(parsing: s.entries[decisionIndex])
        let forgedText = note.text.replacingOccurrences(of: "yes 3\n", with: "yes 4\n")
        var forged = s.entries
        forged[decisionIndex] = try SignedNote.sign(text: forgedText, with: [s.forum.node]).bytes
        var audit = ForumReplay()
        for entry in forged { audit.apply(entry: entry, checkingSignature: true) }
        #expect(audit.problems.map(\.index) == [UInt64(decisionIndex)])
        #expect(audit.problems.first?.error.code == .wrongDecision)
    }
}
