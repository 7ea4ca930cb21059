public import RoundtableDomain

/// `/proposals/new`: a signed-in delegate proposes a norm, a policy or a procedural question. The page's script
/// posts the text to the node (with the session's CSRF token), then shows the `propose` act naming the text's
/// SHA-256 for the delegate to sign in the browser. Admissions, suspensions and rules amendments, which name what they
/// change, are proposed with the command line, which the page shows.
public struct NewProposalPage: WebPage {
    public static let template = "propose"

    public let title: String
    let origin: String
    let by: String
    let kinds: [Choice]
    let languages: [Choice]
    let languageDefault: String
    let command: String
    /// The form the page's script signs the act from.
    let form: ActForm

    /// Builds the page.
    /// - Parameters:
    ///   - member: The member signed in.
    ///   - state: The forum's state.
    ///   - nodeURL: The node's public URL, for the command.
    ///   - t: The interface text.
    public init(member: MemberID, state: ForumState, nodeURL: String, t: Localizer) {
        title = t("propose_title")
        form = ActForm(act: "propose", id: "propose", lines: "kind,title,text,language", optional: "language", upload: "text", t: t)
        origin = state.origin
        by = member.rawValue
        kinds = [ProposalKind.norm, .policy, .procedural].map { Choice(value: $0.rawValue, label: t.term("kind", $0.rawValue)) }
        (languages, languageDefault) = Choice.contentLanguages(forumLanguage: state.governance.rules.language, t: t)
        command = "roundtable propose --node \(nodeURL) --key KEY-FILE --token-file TOKEN-FILE --kind norm|policy|procedural "
            + "--title TITLE --text TEXT.md [--language TAG]"
    }
}
