public import RoundtableDomain

/// `/`: what the forum is, its members, the proposals open and lately decided, and the latest checkpoint.
public struct HomePage: WebPage {
    public static let template = "home"
    public let title: String
    let intro: String
    let membersSummary: String
    let proposalsSummary: String
    let openProposals: [ProposalRow]
    let hasOpenProposals: Bool
    let recentDecisions: [ProposalRow]
    let checkpoint: CheckpointSummary?

    /// The number of decisions the home page lists.
    static let recentDecisionCount = 5

    /// Builds the page.
    /// - Parameters:
    ///   - state: The forum's state.
    ///   - checkpoint: The latest checkpoint, if one was published.
    ///   - t: The interface text.
    public init(state: ForumState, checkpoint: CheckpointSummary?, t: Localizer) {
        let wording = ProposalWording(t: t, rules: state.governance.rules)
        let governance = state.governance
        title = state.name
        intro = t("home_intro")
        let suspended = state.members.values.filter { $0.status == .suspended }.count
        membersSummary = t.count("home_members", state.members.count)
            + (suspended > 0 ? " " + t.count("home_suspended", suspended) : "")
        let decided = governance.proposals.values.filter { $0.stage == .decided }
        proposalsSummary = t("home_proposals", ["open": t.number(governance.openProposals.count), "decided": t.number(decided.count)])
        openProposals = governance.openProposals.sorted().compactMap { governance.proposals[$0] }
            .map { ProposalRow($0, state: state, wording: wording) }
        hasOpenProposals = !openProposals.isEmpty
        recentDecisions = decided.sorted { ($0.decisionIndex ?? 0) > ($1.decisionIndex ?? 0) }.prefix(Self.recentDecisionCount)
            .map { ProposalRow($0, state: state, wording: wording) }
        self.checkpoint = checkpoint
    }
}
