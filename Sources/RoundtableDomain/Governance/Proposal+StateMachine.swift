extension Proposal {
    /// The proposal's state machine: checks an input against where the proposal stands, the clock and the rules, and
    /// applies it. The one place a proposal's stage changes and its timeline grows.
    ///
    /// Life: submitted → circulated → consensus call → decided (adopted without a vote), or, when a member asks for a
    /// recorded vote, consensus call → ballot → closed → decided; withdrawn before voting starts. The table is on
    /// ``Input``. Each act's checks run in the order `docs/governance.md` gives them, so the first rule an act breaks
    /// names its error; when the machine throws, the proposal is unchanged.
    /// - Parameters:
    ///   - input: The act on the proposal.
    ///   - index: The log index of the act.
    ///   - context: The node's clock and the rules in force.
    /// - Returns: What the forum records.
    public mutating func transition(on input: Input, at index: UInt64, context: Context) throws(ActError) -> Output {
        try check(input, context)
        let output = apply(input, at: index)
        if let next = input.nextStage { stage = next }
        if let kind = input.event { timeline.append(Event(kind: kind, index: index, at: input.time, member: input.member)) }
        return output
    }

    /// The decision that the acts so far give, decided at a time: adopted without a vote once a silent consensus
    /// call has run its course, or the tally of a closed ballot.
    /// - Parameter time: The time on the decision act.
    /// - Throws: `wrong_stage` when no decision is due at this stage, `wrong_time` before the silence period ends.
    public func expectedDecision(at time: Timestamp) throws(ActError) -> DecisionRecord {
        switch stage {
        case .closed:
            guard let ballot, let closedAt = ballot.closedAt else { break }
            let tally = ballot.tally
            let opening = ballot.opening
            return DecisionRecord(
                proposal: id, at: time, outcome: tally.outcome(quorum: opening.quorum, threshold: opening.threshold),
                count: .init(threshold: opening.threshold, quorum: opening.quorum, tally: tally), counted: ballot.index...closedAt)
        case .consensusCall where objections.isEmpty:
            guard let consensusUntil, time >= consensusUntil else {
                throw ActError(.wrongTime, "the consensus call on proposal \(id) runs until \(consensusUntil?.description ?? "?")")
            }
            return DecisionRecord(proposal: id, at: time, outcome: .adoptedWithoutVote, count: nil, counted: nil)
        case .submitted, .circulated, .consensusCall, .ballot, .decided, .withdrawn: break
        }
        throw cannotBeDecided
    }

    /// The refusal of a decision at a stage, or a moment, that gives none.
    var cannotBeDecided: ActError { ActError(.wrongStage, "proposal \(id) is \(stage.rawValue) and cannot be decided now") }

    /// Throws the first rule the input breaks.
    private func check(_ input: Input, _ context: Context) throws(ActError) {
        switch input {
        case .circulate(let at):
            try checkStage(for: input)
            try context.checkClock(at)
        case .openConsensusCall(let at, let until):
            try checkStage(for: input)
            try context.checkClock(at)
            try checkSilencePeriod(from: at, until: until, context.rules)
        case .object(let member):
            try checkStage(for: input)
            guard !objections.contains(member) else {
                throw ActError(.conflict, "\(member) already asked for a recorded vote on proposal \(id)")
            }
        case .openBallot(let opening, let expected, _):
            try checkStage(for: input)
            try context.checkClock(opening.opens)
            try checkBallotOpening(opening, expected: expected)
        case .vote(_, let member):
            try checkStage(for: input)
            try checkElectorate(member)
        case .explain(_, _, let member):
            try checkStage(for: input)
            guard member != proposer else {
                throw ActError(.sponsorExplanation, "\(member) sponsors proposal \(id) and may not explain its vote on it (rule 88)")
            }
            try checkElectorate(member)
        case .withdraw(let member):
            guard member == proposer else { throw ActError(.notProposer, "only \(proposer), the proposer, may withdraw proposal \(id)") }
            try checkStage(for: input)
        case .close(let at):
            try checkStage(for: input)
            try context.checkClock(at)
            try checkBallotWindow(endsBy: at)
        case .decide(let record):
            try context.checkClock(record.at)
            try checkStage(for: input)
            try checkDecision(record)
        }
    }

    /// Applies an input that ``check(_:_:)`` accepted, except for the stage and the timeline.
    private mutating func apply(_ input: Input, at index: UInt64) -> Output {
        switch input {
        case .circulate(let at): circulatedAt = at
        case .openConsensusCall(_, let until):
            consensusCallIndex = index
            consensusUntil = until
        case .object(let member): objections.append(member)
        case .openBallot(let opening, _, let electorate): ballot = Ballot(opening: opening, index: index, electorate: electorate)
        case .vote(let choice, let member):
            let vote = RecordedVote(choice: choice, index: index, replaced: ballot?.votes[member].map { $0.replaced + 1 } ?? 0)
            ballot?.record(vote, by: member)
            return .voted(member, vote)
        case .explain(let text, let language, let member):
            explanations.append(Explanation(member: member, index: index, text: text, language: language))
        case .withdraw: break
        case .close: ballot?.closedAt = index
        case .decide(let record):
            decision = record
            decisionIndex = index
        }
        return .recorded
    }

    private func checkStage(for input: Input) throws(ActError) {
        guard input.acceptingStages.contains(stage) else { throw input.wrongStage(self) }
        switch input {
        case .vote, .explain: guard ballot != nil else { throw input.wrongStage(self) }
        case .circulate, .openConsensusCall, .object, .openBallot, .withdraw, .close, .decide: break
        }
    }

    private func checkSilencePeriod(from at: Timestamp, until: Timestamp, _ rules: Rules) throws(ActError) {
        guard let circulatedAt, at >= circulatedAt.adding(rules.circulation) else {
            throw ActError(.wrongTime, "the consensus call on proposal \(id) opens before its circulation period ends")
        }
        guard until == at.adding(rules.silence) else {
            throw ActError(.wrongTime, "the consensus call on proposal \(id) must last the silence period, until \(at.adding(rules.silence))")
        }
    }

    private func checkBallotOpening(_ opening: BallotOpening, expected: BallotOpening) throws(ActError) {
        guard !objections.isEmpty else { throw ActError(.wrongStage, "no member asked for a recorded vote on proposal \(id)") }
        guard opening == expected else {
            throw ActError(.wrongDecision, "the ballot on proposal \(id) must open as \(Act.Body.ballot(expected).summary)")
        }
    }

    private func checkBallotWindow(endsBy time: Timestamp) throws(ActError) {
        guard let ballot, time >= ballot.opening.closes else {
            throw ActError(.wrongTime, "the ballot on proposal \(id) closes at \(ballot?.opening.closes.description ?? "?")")
        }
    }

    private func checkElectorate(_ member: MemberID) throws(ActError) {
        guard ballot?.electorate.contains(member) == true else {
            throw ActError(.notInElectorate, "\(member) was not an active member when the ballot on proposal \(id) opened")
        }
    }

    private func checkDecision(_ record: DecisionRecord) throws(ActError) {
        let expected = try expectedDecision(at: record.at)
        guard record == expected else {
            throw ActError(
                .wrongDecision,
                "the decision on proposal \(id) states \(Act.Body.decision(record).summary) "
                    + "but the acts before it give \(Act.Body.decision(expected).summary)")
        }
    }
}
