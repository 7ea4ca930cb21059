import Foundation
import RoundtableDomain

/// How the pages put a proposal's kind, stage, deadline and outcome into words.
struct ProposalWording {
    let t: Localizer
    let rules: Rules

    func kind(_ kind: ProposalKind) -> String { t.term("kind", kind.rawValue) }

    func stage(_ stage: Proposal.Stage) -> String { t.term("stage", stage.rawValue) }

    func outcome(_ outcome: Outcome) -> String { t.term("outcome", outcome.rawValue) }

    /// What comes next for an open proposal, and when.
    func deadline(_ proposal: Proposal) -> String {
        switch proposal.stage {
        case .submitted: t("deadline_submitted")
        case .circulated:
            proposal.circulatedAt.map { t("deadline_circulated", ["time": t.time($0.adding(rules.circulation))]) } ?? ""
        case .consensusCall: proposal.consensusUntil.map { t("deadline_consensus_call", ["time": t.time($0)]) } ?? ""
        case .ballot: proposal.ballot.map { t("deadline_ballot", ["time": t.time($0.opening.closes)]) } ?? ""
        case .closed: t("deadline_closed")
        case .decided: proposal.decision.map { outcome($0.outcome) } ?? ""
        case .withdrawn: t("stage_withdrawn")
        }
    }
}
