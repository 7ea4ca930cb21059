public import RoundtableDomain

/// `/requests/new`: a signed-in delegate sends a request to one or more members. The page's script seals the content
/// (kind, recipients, subject, body, TLP, references, answer-by) in a salted JSON document for the parties alone and
/// signs the `request` act that carries its SHA-256 — naming the recipients, or only counting them, as the rule
/// `request-parties` says.
public struct NewRequestPage: WebPage {
    public static let template = "request"

    struct Recipient {
        let id: String
        let name: String
        let lang: String
    }

    public let title: String
    let origin: String
    let by: String
    let recipients: [Recipient]
    let kinds: [Choice]
    let urgencies: [Choice]
    let levels: [Choice]
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
        title = t("request_new_title")
        origin = state.origin
        by = member.rawValue
        let language = state.governance.rules.language
        recipients = state.sortedMembers.filter { $0.id != member && $0.status == .active }.map {
            Recipient(id: $0.id.rawValue, name: $0.displayName, lang: language)
        }
        kinds = RequestContent.Kind.allCases.map { Choice(value: $0.rawValue, label: t.term("request_kind", $0.rawValue)) }
        urgencies = Urgency.allCases.map { Choice(value: $0.rawValue, label: t.term("urgency", $0.rawValue)) }
        levels = ["clear", "green", "amber", "amber+strict", "red"].map { Choice(value: $0, label: "TLP:" + $0.uppercased()) }
        form = ActForm(
            act: "request", id: "request",
            lines: state.governance.rules.communication.requestParties == .public ? "urgency,to,sealed" : "urgency,recipients,sealed",
            sealed: "kind,to[],subject,body,tlp,references[],answer_by?", t: t)
        command = "roundtable request send --node \(nodeURL) --key KEY-FILE --to MEMBER[,MEMBER…] --kind KIND --urgency URGENCY "
            + "--subject SUBJECT --body-file BODY.md --tlp LEVEL"
    }
}
