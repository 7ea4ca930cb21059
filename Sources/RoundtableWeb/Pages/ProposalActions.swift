public import RoundtableDomain

/// What can be done on a proposal at its stage, as its page offers it: to a signed-in delegate, a form for each act
/// its member may sign now, which the page's script turns into the act's exact text, signs in the browser and
/// submits; to everyone, the equivalent `roundtable` command, which needs no script.
public struct ProposalActions {
    /// One act offered.
    struct Action {
        /// The form: a `vote`, `object`, `explain` or `withdraw` act.
        let form: ActForm
        /// The form's heading.
        let title: String
        /// The equivalent command.
        let command: String
        let isVote: Bool
        let isObject: Bool
        let isExplain: Bool
        let isWithdraw: Bool
        /// The proposal's id, the value of its `proposal` line.
        let proposal: String
    }

    /// The acts offered to the signed-in member, as forms.
    let forms: [Action]
    /// Every act the proposal's stage allows someone, as commands.
    let commands: [Action]
    let hasForms: Bool
    let hasCommands: Bool
    /// Whether someone is signed in (otherwise the page links to the sign-in page).
    let signedIn: Bool
    /// The signed-in member's id, the `by` line of its acts.
    let by: String
    /// The forum's origin, the first line of every act.
    let origin: String
    /// Why the signed-in delegate is offered nothing, if so.
    let nothingToDo: String?
    /// The sign-in page's link, back to this proposal.
    let signInHref: String
    /// The languages an explanation may declare, besides the forum's.
    let languages: [Choice]
    /// The choice of the forum's language, which declares none.
    let languageDefault: String

    /// Works out the acts open on a proposal.
    /// - Parameters:
    ///   - proposal: The proposal.
    ///   - state: The forum's state.
    ///   - member: Who is signed in, if anyone.
    ///   - nodeURL: The node's public URL, for the commands.
    ///   - t: The interface text.
    public init(proposal: Proposal, state: ForumState, member: SignedInMember?, nodeURL: String, t: Localizer) {
        let id = String(proposal.id)
        let base = "--node \(nodeURL) --key KEY-FILE --proposal \(id)"
        func action(_ act: String, _ lines: String, optional: String = "", _ options: String) -> Action {
            Action(
                form: ActForm(act: act, id: act, lines: lines, optional: optional, t: t), title: t("act_form_\(act)"),
                command: "roundtable \(act) \(base)\(options)",
                isVote: act == "vote", isObject: act == "object", isExplain: act == "explain", isWithdraw: act == "withdraw", proposal: id)
        }
        let stage = proposal.stage
        let beforeBallot = stage == .submitted || stage == .circulated || stage == .consensusCall
        var open: [(Action, (MemberID) -> Bool)] = []
        if stage == .consensusCall {
            let object = action("object", "proposal,reason", optional: "reason", " [--reason TEXT]")
            open.append((object, { !proposal.objections.contains($0) }))
        }
        if let ballot = proposal.ballot {
            if stage == .ballot { open.append((action("vote", "proposal,choice", " --choice yes|no|abstain"), { ballot.electorate.contains($0) })) }
            let explain = action("explain", "proposal,explanation,language", optional: "language", " --text TEXT [--language TAG]")
            open.append((explain, { ballot.electorate.contains($0) && $0 != proposal.proposer }))
        }
        if beforeBallot { open.append((action("withdraw", "proposal", ""), { $0 == proposal.proposer })) }
        commands = open.map(\.0)
        hasCommands = !commands.isEmpty
        let memberID = member.flatMap { try? MemberID($0.id) }
        forms = memberID.map { id in member?.isContactKey == true ? [] : open.filter { $0.1(id) }.map(\.0) } ?? []
        hasForms = !forms.isEmpty
        signedIn = member != nil
        by = member?.id ?? ""
        origin = state.origin
        nothingToDo = member != nil && forms.isEmpty && hasCommands
            ? t(member?.isContactKey == true ? "act_contact_key_only" : "act_nothing_for_member") : nil
        signInHref = "/sign-in?next=/proposals/\(id)"
        (languages, languageDefault) = Choice.contentLanguages(forumLanguage: state.governance.rules.language, t: t)
    }
}
