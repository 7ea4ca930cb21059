import RoundtableDomain

/// A proposal's count and decision in plain words: the majority and quorum that apply, whether each was met, and
/// the outcome.
struct ProposalTally {
    struct Count {
        let label: String
        let value: Int
    }

    /// The heading: the decision, or the running tally of an open ballot.
    let heading: String
    /// The caption of the counts: the votes as they stand while the ballot is open, the final count once it closed.
    let caption: String
    let counts: [Count]
    let rules: [String]
    let reasoning: [String]
    let outcome: String?
    let decisionHref: String?
    let decisionLabel: String

    /// The tally of a proposal that went to a ballot or was decided; `nil` otherwise.
    init?(proposal: Proposal, wording: ProposalWording) {
        let t = wording.t
        decisionHref = proposal.decisionIndex.map { "/acts/\($0)" }
        decisionLabel = proposal.decisionIndex.map { t("act_number", ["index": String($0)]) } ?? ""
        caption = proposal.stage == .ballot ? t("tally_caption") : t("tally_caption_final")
        if let decision = proposal.decision, decision.outcome == .adoptedWithoutVote {
            heading = t("tally_decision")
            counts = []
            rules = [t("rule_consensus")]
            reasoning = [t("reason_without_vote", ["time": proposal.consensusUntil.map(t.time) ?? t.time(decision.at)])]
            outcome = wording.outcome(decision.outcome)
            return
        }
        guard let ballot = proposal.ballot else {
            guard let decision = proposal.decision else { return nil }
            (heading, counts, rules, reasoning, outcome) = (t("tally_decision"), [], [], [], wording.outcome(decision.outcome))
            return
        }
        let threshold = proposal.decision?.count?.threshold ?? ballot.opening.threshold
        let quorum = proposal.decision?.count?.quorum ?? ballot.opening.quorum
        let tally = proposal.decision?.count?.tally ?? ballot.tally
        heading = proposal.decision == nil ? t("tally_running", ["time": t.time(ballot.opening.closes)]) : t("tally_decision")
        counts = [
            Count(label: t("choice_yes"), value: tally.yes), Count(label: t("choice_no"), value: tally.no),
            Count(label: t("choice_abstain"), value: tally.abstain),
            Count(label: t("choice_none"), value: tally.electorate - tally.present),
            Count(label: t("tally_electorate"), value: tally.electorate),
        ]
        let needed = tally.electorate * quorum.numerator / quorum.denominator + 1
        rules = [
            t(threshold == .twoThirds ? "rule_two_thirds" : "rule_simple_majority"),
            t("rule_quorum", ["fraction": quorum.description, "electorate": String(tally.electorate), "needed": String(needed)]),
        ]
        let quorumMet = quorum.isExceeded(by: tally.present, of: tally.electorate)
        var reasoning = [t(quorumMet ? "reason_quorum_met" : "reason_quorum_not_met", ["present": String(tally.present), "needed": String(needed)])]
        if quorumMet {
            let met = tally.presentAndVoting > 0 && threshold.isMet(yes: tally.yes, no: tally.no)
            reasoning.append(
                tally.presentAndVoting == 0
                    ? t("reason_all_abstain")
                    : t(met ? "reason_majority_met" : "reason_majority_not_met", ["yes": String(tally.yes), "no": String(tally.no)]))
        }
        self.reasoning = reasoning
        outcome = proposal.decision.map { wording.outcome($0.outcome) }
    }
}
