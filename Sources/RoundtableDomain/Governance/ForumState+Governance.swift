import TransparencyLog

extension ForumState {
    /// Checks a member's act (credential, propose, object, vote, explain, withdraw); the node's act types are refused.
    func checkMemberAct(_ body: Act.Body, by member: Member, signer: NoteVerifier, at index: UInt64) throws(ActError) -> [ForumChange] {
        switch body {
        case .credential(let changes):
            return try check(changes, by: member)
        case .propose(let draft):
            try checkSubject(draft.subject)
            return [.proposalRecorded(Proposal(id: index, proposer: member.id, draft: draft))]
        case .object(let id, _): return try transition(id, on: .object(by: member.id), at: index)
        case .vote(let id, let choice): return try transition(id, on: .vote(choice, by: member.id), at: index)
        case .explain(let id, let text, let language): return try transition(id, on: .explain(text, language: language, by: member.id), at: index)
        case .withdraw(let id): return try transition(id, on: .withdraw(by: member.id), at: index)
        case .contact, .askCheck, .acknowledge, .request, .answer, .closeRequest:
            return try checkCommunicationAct(body, by: member, signer: signer, at: index)
        case .genesis, .circulate, .consensusCall, .ballot, .close, .decision, .collection, .exchange, .check, .deliver, .overdue:
            throw ActError(.nodeOnly, "only the node writes '\(body.type)' acts")
        }
    }

    /// Checks one of the node's acts after the genesis against the rules and the acts before it.
    func checkNodeAct(_ body: Act.Body, at index: UInt64) throws(ActError) -> [ForumChange] {
        switch body {
        case .circulate(let id, let at): return try transition(id, on: .circulate(at: at), at: index)
        case .consensusCall(let id, let at, let until): return try transition(id, on: .openConsensusCall(at: at, until: until), at: index)
        case .ballot(let opening):
            let proposal = try proposal(opening.proposal)
            let input = Proposal.Input.openBallot(opening, expected: ballotOpening(for: proposal, at: opening.opens), electorate: activeMembers)
            return try transition(proposal, on: input, at: index)
        case .close(let id, let at): return try transition(id, on: .close(at: at), at: index)
        case .decision(let record): return try transition(record.proposal, on: .decide(record), at: index) + effects(of: record, at: index)
        case .collection(let collection): return try checkCollection(collection)
        case .exchange(let record): return try checkExchange(record)
        case .check, .deliver, .overdue: return try checkNodeCommunicationAct(body, at: index)
        case .genesis, .credential, .propose, .object, .vote, .explain, .withdraw, .contact, .askCheck, .acknowledge, .request, .answer,
            .closeRequest:
            throw ActError(.malformedAct, "the node does not write '\(body.type)' acts after the genesis")
        }
    }

    /// Finds a proposal, has its state machine take an input, and returns the changes that record the outcome.
    private func transition(_ id: UInt64, on input: Proposal.Input, at index: UInt64) throws(ActError) -> [ForumChange] {
        try transition(try proposal(id), on: input, at: index)
    }

    private func transition(_ proposal: Proposal, on input: Proposal.Input, at index: UInt64) throws(ActError) -> [ForumChange] {
        var proposal = proposal
        let output = try proposal.transition(on: input, at: index, context: .init(clock: governance.clock, rules: governance.rules))
        let clock: [ForumChange] = input.time.map { [.nodeClock($0)] } ?? []
        switch output {
        case .recorded: return clock + [.proposalRecorded(proposal)]
        case .voted(let member, let vote): return clock + [.voteRecorded(proposal: proposal.id, member: member, vote: vote)]
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

    /// What an adopted proposal changes beyond itself: a member admitted or suspended, rules amended.
    private func effects(of decision: DecisionRecord, at index: UInt64) -> [ForumChange] {
        guard decision.outcome.isAdoption, let proposal = governance.proposals[decision.proposal] else { return [] }
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
}

extension Act.Body {
    /// The body's lines after the header, joined with "; ", for messages.
    var summary: String {
        Act(origin: "-", actor: .node, sequence: 1, body: self).text.split(separator: "\n").dropFirst(4).joined(separator: "; ")
    }
}
