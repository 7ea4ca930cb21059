import RoundtableDomain

/// A proposal as one row of a list.
struct ProposalRow {
    let id: UInt64
    let href: String
    let title: String
    /// The language of the title.
    let lang: String
    let kind: String
    let stage: String
    let proposer: String
    /// The language of the proposer's name: the forum's.
    let proposerLang: String
    /// For open proposals what comes next; for decided ones the outcome.
    let status: String

    init(_ proposal: Proposal, state: ForumState, wording: ProposalWording) {
        id = proposal.id
        href = "/proposals/\(proposal.id)"
        title = proposal.draft.title
        lang = proposal.draft.language ?? state.governance.rules.language
        kind = wording.kind(proposal.draft.kind)
        stage = wording.stage(proposal.stage)
        proposer = state.members[proposal.proposer]?.displayName ?? proposal.proposer.rawValue
        proposerLang = state.governance.rules.language
        status = wording.deadline(proposal)
    }
}
