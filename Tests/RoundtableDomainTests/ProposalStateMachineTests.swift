import RoundtableDomain
import Testing

/// The proposal's state machine on its own: stages, inputs, the clock and the rules, with no forum around it.
@Suite("Proposal state machine")
struct ProposalStateMachineTests {
    /// Circulation 10 s, silence 20 s, ballots open 60 s.
    static let rules = try! Rules(quorum: Fraction(1, 2), circulation: 10, silence: 20, votingWindow: 60, important: [])
    static let start = Timestamp(seconds: 1_800_000_000)
    static let electorate: Set<MemberID> = [try! MemberID("ee"), try! MemberID("fr"), try! MemberID("jp")]
    let ee = try! MemberID("ee")
    let fr = try! MemberID("fr")
    let jp = try! MemberID("jp")

    static var opening: BallotOpening {
        BallotOpening(
            proposal: 5, opens: start.adding(30), closes: start.adding(90), threshold: .simpleMajority, quorum: try! Fraction(1, 2),
            electorate: 3, rulesVersion: 1)
    }

    /// Every input the machine knows, each with arguments that pass every check but the stage.
    var inputs: [Proposal.Input] {
        [
            .circulate(at: Self.start), .openConsensusCall(at: Self.start.adding(10), until: Self.start.adding(30)), .object(by: fr),
            .openBallot(Self.opening, expected: Self.opening, electorate: Self.electorate), .vote(.yes, by: fr),
            .explain("we agree", language: nil, by: fr), .withdraw(by: ee), .close(at: Self.start.adding(90)),
            .decide(DecisionRecord(proposal: 5, at: Self.start.adding(30), outcome: .adoptedWithoutVote, count: nil, counted: nil)),
        ]
    }

    func submitted() throws -> Proposal {
        Proposal(id: 5, proposer: ee, draft: try ProposalDraft(kind: .norm, title: "A norm", document: [UInt8](repeating: 7, count: 32)))
    }

    func context(_ clock: Timestamp? = nil) -> Proposal.Context { Proposal.Context(clock: clock, rules: Self.rules) }

    /// A proposal taken along the recorded-vote path until it reaches a stage (withdrawn: withdrawn at once).
    func proposal(at stage: Proposal.Stage) throws -> Proposal {
        var proposal = try submitted()
        if stage == .withdrawn { _ = try proposal.transition(on: .withdraw(by: ee), at: 6, context: context()) }
        let path: [Proposal.Input] = [
            .circulate(at: Self.start), .openConsensusCall(at: Self.start.adding(10), until: Self.start.adding(30)), .object(by: fr),
            .openBallot(Self.opening, expected: Self.opening, electorate: Self.electorate), .vote(.yes, by: fr), .vote(.yes, by: jp),
            .close(at: Self.start.adding(90)),
        ]
        for (offset, input) in path.enumerated() where proposal.stage != stage && !proposal.stage.isFinal {
            _ = try proposal.transition(on: input, at: 6 + UInt64(offset), context: context())
        }
        if stage == .decided {
            _ = try proposal.transition(on: .decide(try proposal.expectedDecision(at: Self.start.adding(90))), at: 20, context: context())
        }
        try #require(proposal.stage == stage)
        return proposal
    }

    @Test("the silent path: submitted → circulated → consensus call → decided, one timeline event per step")
    func silentPath() throws {
        var proposal = try submitted()
        #expect(try proposal.transition(on: .circulate(at: Self.start), at: 6, context: context()) == .recorded)
        #expect(proposal.circulatedAt == Self.start)
        let call = Proposal.Input.openConsensusCall(at: Self.start.adding(10), until: Self.start.adding(30))
        #expect(try proposal.transition(on: call, at: 7, context: context(Self.start)) == .recorded)
        #expect(proposal.consensusCallIndex == 7 && proposal.consensusUntil == Self.start.adding(30))
        let decision = DecisionRecord(proposal: 5, at: Self.start.adding(30), outcome: .adoptedWithoutVote, count: nil, counted: nil)
        #expect(try proposal.transition(on: .decide(decision), at: 8, context: context(Self.start.adding(10))) == .recorded)
        #expect(proposal.stage == .decided)
        #expect(proposal.decision == decision && proposal.decisionIndex == 8)
        #expect(proposal.timeline.map(\.kind) == [.proposed, .circulated, .consensusCall, .decided])
        #expect(proposal.timeline.map(\.index) == [5, 6, 7, 8])
        #expect(proposal.timeline.map(\.at) == [nil, Self.start, Self.start.adding(10), Self.start.adding(30)])
    }

    @Test("every input at a stage that does not accept it is refused with wrong_stage, and changes nothing", arguments: [
        Proposal.Stage.submitted, .circulated, .consensusCall, .ballot, .closed, .decided, .withdrawn,
    ])
    func wrongStage(_ stage: Proposal.Stage) throws {
        let proposal = try proposal(at: stage)
        for input in inputs where !input.acceptingStages.contains(stage) {
            var copy = proposal
            #expect(throws: ActError(.wrongStage, ""), "\(input.act) at \(stage)") {
                try copy.transition(on: input, at: 30, context: context())
            }
            #expect(copy == proposal)
        }
    }

    @Test("the table: each input leads to its stage and records its timeline event")
    func table() {
        let table = inputs.map { ($0.act, $0.nextStage, $0.event) }
        #expect(table.map(\.0) == [.circulate, .consensusCall, .object, .ballot, .vote, .explain, .withdraw, .close, .decision])
        #expect(table.map(\.1) == [.circulated, .consensusCall, nil, .ballot, nil, nil, .withdrawn, .closed, .decided])
        #expect(table.map(\.2) == [.circulated, .consensusCall, .objection, .ballot, nil, nil, .withdrawn, .closed, .decided])
    }

    @Test("a vote replaces the member's earlier one and says how many it replaced; every vote is kept as cast")
    func voteReplaces() throws {
        var proposal = try proposal(at: .ballot)
        let first = try proposal.transition(on: .vote(.yes, by: fr), at: 31, context: context())
        #expect(first == .voted(fr, try #require(proposal.ballot?.votes[fr])))
        #expect(proposal.ballot?.votes[fr]?.replaced == 0)
        let output = try proposal.transition(on: .vote(.no, by: fr), at: 32, context: context())
        guard case .voted(let member, let vote) = output else { Issue.record("a vote records the vote alone"); return }
        #expect(member == fr && vote.choice == .no && vote.index == 32 && vote.replaced == 1)
        #expect(proposal.ballot?.votes[fr] == vote)
        #expect(proposal.ballot?.cast.map(\.index) == [31, 32])
        #expect(proposal.ballot?.cast.map(\.choice) == [.yes, .no])
        #expect(proposal.timeline.last?.kind == .ballot, "votes are not timeline events")
    }

    @Test("members' inputs: electorate, sponsor, proposer and duplicate objections")
    func membersChecks() throws {
        var ballot = try proposal(at: .ballot)
        let outsider = try MemberID("za")
        #expect(throws: ActError(.notInElectorate, "")) { try ballot.transition(on: .vote(.yes, by: outsider), at: 31, context: context()) }
        #expect(throws: ActError(.sponsorExplanation, "")) {
            try ballot.transition(on: .explain("mine", language: nil, by: ee), at: 31, context: context())
        }
        #expect(try ballot.transition(on: .explain("ours", language: nil, by: jp), at: 31, context: context()) == .recorded)
        #expect(ballot.explanations.map(\.member) == [jp])
        var call = try proposal(at: .consensusCall)
        #expect(throws: ActError(.notProposer, "")) { try call.transition(on: .withdraw(by: fr), at: 31, context: context()) }
        _ = try call.transition(on: .object(by: fr), at: 31, context: context())
        #expect(throws: ActError(.conflict, "")) { try call.transition(on: .object(by: fr), at: 32, context: context()) }
    }

    @Test("the node's inputs: its clock never goes back; periods and windows run their course; openings and decisions match the rules")
    func nodeChecks() throws {
        var submitted = try submitted()
        #expect(throws: ActError(.wrongTime, "")) {
            try submitted.transition(on: .circulate(at: Self.start), at: 6, context: context(Self.start.adding(1)))
        }
        var circulated = try proposal(at: .circulated)
        #expect(throws: ActError(.wrongTime, "")) {
            try circulated.transition(on: .openConsensusCall(at: Self.start.adding(9), until: Self.start.adding(29)), at: 7, context: context())
        }
        #expect(throws: ActError(.wrongTime, "")) {
            try circulated.transition(on: .openConsensusCall(at: Self.start.adding(10), until: Self.start.adding(31)), at: 7, context: context())
        }
        var silent = try proposal(at: .consensusCall)
        #expect(throws: ActError(.wrongStage, "")) {
            try silent.transition(on: .openBallot(Self.opening, expected: Self.opening, electorate: Self.electorate), at: 8, context: context())
        }
        let early = DecisionRecord(proposal: 5, at: Self.start.adding(29), outcome: .adoptedWithoutVote, count: nil, counted: nil)
        #expect(throws: ActError(.wrongTime, "")) { try silent.transition(on: .decide(early), at: 8, context: context()) }
        let rejected = DecisionRecord(proposal: 5, at: Self.start.adding(30), outcome: .rejected, count: nil, counted: nil)
        #expect(throws: ActError(.wrongDecision, "")) { try silent.transition(on: .decide(rejected), at: 8, context: context()) }
        var objected = try proposal(at: .consensusCall)
        _ = try objected.transition(on: .object(by: fr), at: 8, context: context())
        let other = BallotOpening(
            proposal: 5, opens: Self.start.adding(30), closes: Self.start.adding(91), threshold: .simpleMajority, quorum: try Fraction(1, 2),
            electorate: 3, rulesVersion: 1)
        #expect(throws: ActError(.wrongDecision, "")) {
            try objected.transition(on: .openBallot(other, expected: Self.opening, electorate: Self.electorate), at: 9, context: context())
        }
        var ballot = try proposal(at: .ballot)
        #expect(throws: ActError(.wrongTime, "")) { try ballot.transition(on: .close(at: Self.start.adding(89)), at: 12, context: context()) }
    }

    @Test("timeline event kinds keep the words the API and the pages show")
    func eventWords() {
        #expect(Proposal.Event.Kind.allCases.map(\.rawValue) == [
            "proposed", "circulated", "consensus-call", "objection", "ballot", "closed", "decided", "withdrawn",
        ])
    }

    @Test("every act type has one type word, parsed back to the same kind")
    func actKinds() {
        #expect(Act.Kind.allCases.map(\.rawValue) == [
            "genesis", "credential", "propose", "object", "vote", "explain", "withdraw", "circulate", "consensus-call", "ballot", "close",
            "decision", "collection", "exchange", "contact", "ask-check", "check", "ack", "request", "deliver", "answer", "close-request", "overdue",
        ])
        #expect(
            Act.Kind.allCases.filter(\.isNodeAct) == [
                .genesis, .circulate, .consensusCall, .ballot, .close, .decision, .collection, .exchange, .check, .deliver, .overdue,
            ])
        #expect(Act.Kind.allCases.filter(\.acceptsContactKey) == [.ack, .answer])
    }
}
