extension ForumState {
    /// The acts the node owes the forum at a moment, one per open proposal, in proposal order: circulate what was
    /// submitted, open consensus calls whose circulation period ended, open a ballot where a member asked for one,
    /// adopt without a vote when the silence period ended in silence, close ballots whose window ended, and decide
    /// closed ballots.
    ///
    /// A pure function of the state and the clock; the node signs and submits each act, and the sequencer checks
    /// it like any other, so an act that a member's act overtook is simply refused and recomputed.
    /// - Parameter now: The node's clock; never earlier than its previous act's time.
    public func dueNodeActs(now: Timestamp) -> [Act.Body] {
        let now = max(now, governance.clock ?? now)
        let rules = governance.rules
        return governance.openProposals.sorted().compactMap { id -> Act.Body? in
            guard let proposal = governance.proposals[id] else { return nil }
            switch proposal.stage {
            case .submitted:
                return .circulate(proposal: id, at: now)
            case .circulated:
                guard let circulated = proposal.circulatedAt, now >= circulated.adding(rules.circulation) else { return nil }
                return .consensusCall(proposal: id, at: now, until: now.adding(rules.silence))
            case .consensusCall where !proposal.objections.isEmpty:
                return .ballot(ballotOpening(for: proposal, at: now))
            case .consensusCall:
                return (try? proposal.expectedDecision(at: now)).map { .decision($0) }
            case .ballot:
                guard let ballot = proposal.ballot, now >= ballot.opening.closes else { return nil }
                return .close(proposal: id, at: now)
            case .closed:
                return (try? proposal.expectedDecision(at: now)).map { .decision($0) }
            case .decided, .withdrawn:
                return nil
            }
        }
    }
}
