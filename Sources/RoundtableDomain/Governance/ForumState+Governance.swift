import TransparencyLog

extension ForumState {
    /// Checks a member's governance act (propose, object, vote, explain, withdraw).
    func checkMemberAct(_ body: Act.Body, by member: MemberID, at index: UInt64) throws(ActError) -> [ForumChange] {
        switch body {
        case .propose(let draft):
            try checkSubject(draft.subject)
            return [.proposalRecorded(Proposal(id: index, proposer: member, draft: draft))]
        case .object(let id, _):
            var proposal = try proposal(id)
            guard proposal.stage == .consensusCall else {
                throw ActError(.wrongStage, "proposal \(id) is \(proposal.stage.rawValue); a recorded vote is asked for during its consensus call")
            }
            guard !proposal.objections.contains(member) else {
                throw ActError(.conflict, "\(member) already asked for a recorded vote on proposal \(id)")
            }
            proposal.objections.append(member)
            proposal.timeline.append(.init(kind: "objection", index: index, at: nil, member: member))
            return [.proposalRecorded(proposal)]
        case .vote(let id, let choice):
            let proposal = try proposal(id)
            guard proposal.stage == .ballot, let ballot = proposal.ballot else {
                throw ActError(.wrongStage, "proposal \(id) is \(proposal.stage.rawValue); votes are cast while its ballot is open")
            }
            try checkElectorate(ballot, member, id)
            let replaced = ballot.votes[member].map { $0.replaced + 1 } ?? 0
            return [.voteRecorded(proposal: id, member: member, vote: .init(choice: choice, index: index, replaced: replaced))]
        case .explain(let id, let text):
            var proposal = try proposal(id)
            guard let ballot = proposal.ballot else {
                throw ActError(.wrongStage, "proposal \(id) has no recorded ballot; explanations of vote follow a ballot's opening")
            }
            guard member != proposal.proposer else {
                throw ActError(.sponsorExplanation, "\(member) sponsors proposal \(id) and may not explain its vote on it (rule 88)")
            }
            try checkElectorate(ballot, member, id)
            proposal.explanations.append(.init(member: member, index: index, text: text))
            return [.proposalRecorded(proposal)]
        case .withdraw(let id):
            var proposal = try proposal(id)
            guard proposal.proposer == member else { throw ActError(.notProposer, "only \(proposal.proposer), the proposer, may withdraw proposal \(id)") }
            guard [.submitted, .circulated, .consensusCall].contains(proposal.stage) else {
                throw ActError(.wrongStage, "proposal \(id) is \(proposal.stage.rawValue); a proposal is withdrawn before voting starts")
            }
            proposal.stage = .withdrawn
            proposal.timeline.append(.init(kind: "withdrawn", index: index, at: nil, member: member))
            return [.proposalRecorded(proposal)]
        default:
            throw ActError(.nodeOnly, "only the node writes '\(body.type)' acts")
        }
    }

    /// Checks one of the node's governance acts against the rules and the acts before it.
    func checkNodeAct(_ body: Act.Body, at index: UInt64) throws(ActError) -> [ForumChange] {
        let rules = governance.rules
        switch body {
        case .circulate(let id, let at):
            var proposal = try proposal(id, expecting: .submitted, for: body)
            try checkClock(at)
            proposal.stage = .circulated
            proposal.circulatedAt = at
            proposal.timeline.append(.init(kind: "circulated", index: index, at: at, member: nil))
            return [.nodeClock(at), .proposalRecorded(proposal)]
        case .consensusCall(let id, let at, let until):
            var proposal = try proposal(id, expecting: .circulated, for: body)
            try checkClock(at)
            guard let circulated = proposal.circulatedAt, at >= circulated.adding(rules.circulation) else {
                throw ActError(.wrongTime, "the consensus call on proposal \(id) opens before its circulation period ends")
            }
            guard until == at.adding(rules.silence) else {
                throw ActError(.wrongTime, "the consensus call on proposal \(id) must last the silence period, until \(at.adding(rules.silence))")
            }
            proposal.stage = .consensusCall
            proposal.consensusCallIndex = index
            proposal.consensusUntil = until
            proposal.timeline.append(.init(kind: "consensus-call", index: index, at: at, member: nil))
            return [.nodeClock(at), .proposalRecorded(proposal)]
        case .ballot(let opening):
            var proposal = try proposal(opening.proposal, expecting: .consensusCall, for: body)
            try checkClock(opening.opens)
            guard !proposal.objections.isEmpty else {
                throw ActError(.wrongStage, "no member asked for a recorded vote on proposal \(opening.proposal)")
            }
            let expected = ballotOpening(for: proposal, at: opening.opens)
            guard opening == expected else {
                throw ActError(.wrongDecision, "the ballot on proposal \(opening.proposal) must open as \(Act.Body.ballot(expected).summary)")
            }
            proposal.stage = .ballot
            proposal.ballot = .init(opening: opening, index: index, electorate: activeMembers)
            proposal.timeline.append(.init(kind: "ballot", index: index, at: opening.opens, member: nil))
            return [.nodeClock(opening.opens), .proposalRecorded(proposal)]
        case .close(let id, let at):
            var proposal = try proposal(id, expecting: .ballot, for: body)
            try checkClock(at)
            guard let ballot = proposal.ballot, at >= ballot.opening.closes else {
                throw ActError(.wrongTime, "the ballot on proposal \(id) closes at \(proposal.ballot?.opening.closes.description ?? "?")")
            }
            proposal.stage = .closed
            proposal.ballot?.closedAt = index
            proposal.timeline.append(.init(kind: "closed", index: index, at: at, member: nil))
            return [.nodeClock(at), .proposalRecorded(proposal)]
        case .decision(let record):
            var proposal = try proposal(record.proposal)
            try checkClock(record.at)
            let expected = try expectedDecision(for: proposal, at: record.at)
            guard record == expected else {
                throw ActError(
                    .wrongDecision,
                    "the decision on proposal \(record.proposal) states \(Act.Body.decision(record).summary) "
                        + "but the acts before it give \(Act.Body.decision(expected).summary)")
            }
            proposal.stage = .decided
            proposal.decision = record
            proposal.decisionIndex = index
            proposal.timeline.append(.init(kind: "decided", index: index, at: record.at, member: nil))
            return [.nodeClock(record.at), .proposalRecorded(proposal)] + effects(of: proposal, at: index)
        case .collection, .exchange:
            return try checkExchangeAct(body)
        default:
            throw ActError(.malformedAct, "the node does not write '\(body.type)' acts after the genesis")
        }
    }

    /// The members that may vote in a ballot opened now: every active member.
    var activeMembers: Set<MemberID> { Set(members.values.lazy.filter { $0.status == .active }.map(\.id)) }

    /// The opening of a ballot on a proposal at a time, under the rules in force.
    func ballotOpening(for proposal: Proposal, at time: Timestamp) -> BallotOpening {
        let rules = governance.rules
        return BallotOpening(
            proposal: proposal.id, opens: time, closes: time.adding(rules.votingWindow), threshold: rules.threshold(for: proposal.draft.kind),
            quorum: rules.quorum, electorate: members.values.lazy.filter { $0.status == .active }.count, rulesVersion: governance.rulesVersion)
    }

    /// The decision that the acts so far give for a proposal, decided at a time.
    func expectedDecision(for proposal: Proposal, at time: Timestamp) throws(ActError) -> DecisionRecord {
        switch proposal.stage {
        case .closed:
            guard let ballot = proposal.ballot, let closedAt = ballot.closedAt else { break }
            let tally = ballot.tally
            let opening = ballot.opening
            return DecisionRecord(
                proposal: proposal.id, at: time, outcome: tally.outcome(quorum: opening.quorum, threshold: opening.threshold),
                count: .init(threshold: opening.threshold, quorum: opening.quorum, tally: tally), counted: ballot.index...closedAt)
        case .consensusCall where proposal.objections.isEmpty:
            guard let until = proposal.consensusUntil, time >= until else {
                throw ActError(.wrongTime, "the consensus call on proposal \(proposal.id) runs until \(proposal.consensusUntil?.description ?? "?")")
            }
            return DecisionRecord(proposal: proposal.id, at: time, outcome: .adoptedWithoutVote, count: nil, counted: nil)
        default: break
        }
        throw ActError(.wrongStage, "proposal \(proposal.id) is \(proposal.stage.rawValue) and cannot be decided now")
    }

    private func effects(of proposal: Proposal, at index: UInt64) -> [ForumChange] {
        guard proposal.decision?.outcome.isAdoption == true else { return [] }
        switch proposal.draft.subject {
        case .none: return []
        case .admission(let member):
            return [.memberAdmitted(Member(id: member.id, displayName: member.displayName, keys: [member.key]))]
        case .suspension(let id):
            return members[id]?.status == .active ? [.statusChanged(id, .suspended)] : []
        case .rules(let settings):
            guard let rules = try? governance.rules.applying(settings) else { return [] }
            return [.rulesAdopted(rules, proposal: proposal.id, since: index)]
        }
    }

    private func checkSubject(_ subject: ProposalDraft.Subject) throws(ActError) {
        switch subject {
        case .none: break
        case .admission(let member):
            guard members[member.id] == nil, !pendingAdmissions.contains(where: { $0.id == member.id }) else {
                throw ActError(.conflict, "\(member.id) is already a member or named by an admission still open")
            }
            guard !isRegistered(member.key) else {
                throw ActError(.conflict, "the key of \(member.id) is already registered in this forum or named by an open admission")
            }
        case .suspension(let id):
            guard let member = members[id] else { throw ActError(.unknownMember, "\(id) is not a member of this forum") }
            guard member.status == .active else { throw ActError(.conflict, "\(id) is already suspended") }
        case .rules(let settings):
            _ = try governance.rules.applying(settings)
        }
    }

    /// The members named by admissions that are not yet decided or withdrawn.
    var pendingAdmissions: [Genesis.Founder] {
        governance.openProposals.compactMap { id in
            if case .admission(let member) = governance.proposals[id]?.draft.subject { member } else { nil }
        }
    }

    private func proposal(_ id: UInt64) throws(ActError) -> Proposal {
        guard let proposal = governance.proposals[id] else { throw ActError(.unknownProposal, "there is no proposal \(id)") }
        return proposal
    }

    private func proposal(_ id: UInt64, expecting stage: Proposal.Stage, for body: Act.Body) throws(ActError) -> Proposal {
        let proposal = try proposal(id)
        guard proposal.stage == stage else {
            throw ActError(.wrongStage, "proposal \(id) is \(proposal.stage.rawValue); '\(body.type)' needs it \(stage.rawValue)")
        }
        return proposal
    }

    private func checkElectorate(_ ballot: Proposal.Ballot, _ member: MemberID, _ id: UInt64) throws(ActError) {
        guard ballot.electorate.contains(member) else {
            throw ActError(.notInElectorate, "\(member) was not an active member when the ballot on proposal \(id) opened")
        }
    }

    private func checkClock(_ time: Timestamp) throws(ActError) {
        if let clock = governance.clock, time < clock {
            throw ActError(.wrongTime, "the node's act is dated \(time), before its previous act (\(clock))")
        }
    }
}

extension Act.Body {
    /// The body's lines after the header, joined with "; ", for messages.
    var summary: String {
        Act(origin: "-", actor: .node, sequence: 1, body: self).text.split(separator: "\n").dropFirst(4).joined(separator: "; ")
    }
}
