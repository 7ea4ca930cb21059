public import RoundtableDomain
import TransparencyLog

/// `/members`: every member with its status, how it was admitted, and its keys.
public struct MembersPage: WebPage {
    public static let template = "members"

    struct Row {
        /// The language of the member's name: the forum's.
        let lang: String
        let id: String
        let anchor: String
        let name: String
        let status: String
        let suspended: Bool
        let admission: String
        let admissionHref: String
        let keys: [String]
    }

    public let title: String
    let summary: String
    let members: [Row]
    /// The table's rows as HTML (escaped here, like the template would): one string renders far faster than a
    /// template looking up each cell of 193 rows.
    let rowsHTML: String

    /// Builds the page.
    /// - Parameters:
    ///   - state: The forum's state.
    ///   - t: The interface text.
    public init(state: ForumState, t: Localizer) {
        title = t("members_title")
        summary = t.count("home_members", state.members.count)
        var admittedBy: [MemberID: Proposal] = [:]
        for proposal in state.governance.proposals.values where proposal.decision?.outcome.isAdoption == true {
            if case .admission(let founder) = proposal.draft.subject { admittedBy[founder.id] = proposal }
        }
        members = state.sortedMembers.map { member in
            let decision = admittedBy[member.id]
            return Row(
                lang: state.governance.rules.language,
                id: member.id.rawValue, anchor: "member-\(member.id.rawValue)", name: member.displayName,
                status: t.term("member_status", member.status.rawValue), suspended: member.status == .suspended,
                admission: decision.map { t("member_admitted_by", ["id": String($0.id), "title": $0.draft.title]) } ?? t("member_founder"),
                admissionHref: decision.map { "/proposals/\($0.id)" } ?? "/acts/0",
                keys: member.keys.map(\.description))
        }
        rowsHTML = Self.html(members, statusLabel: t("col_status"), admissionLabel: t("col_admission"), keysLabel: t("col_keys"))
    }

    /// The table's rows, with ARIA table roles and each cell's column name (`data-label`) for the narrow layout.
    static func html(_ rows: [Row], statusLabel: String, admissionLabel: String, keysLabel: String) -> String {
        let statusLabel = HTMLText.escaped(statusLabel), admissionLabel = HTMLText.escaped(admissionLabel)
        let keysLabel = HTMLText.escaped(keysLabel)
        var html = ""
        html.reserveCapacity(rows.count * 500)
        for row in rows {
            let status = HTMLText.escaped(row.status)
            html += "<tr role=\"row\" id=\"\(HTMLText.escaped(row.anchor))\"><th scope=\"row\" role=\"rowheader\"><span lang=\""
            html += HTMLText.escaped(row.lang) + "\">" + HTMLText.escaped(row.name) + "</span> <span class=\"id\">(" + HTMLText.escaped(row.id)
            html += ")</span></th><td role=\"cell\" data-label=\"\(statusLabel)\">" + (row.suspended ? "<strong>\(status)</strong>" : status)
            html += "</td><td role=\"cell\" data-label=\"\(admissionLabel)\"><a href=\"\(HTMLText.escaped(row.admissionHref))\">"
            html += HTMLText.escaped(row.admission) + "</a></td><td role=\"cell\" data-label=\"\(keysLabel)\"><ul class=\"keys\">"
            for key in row.keys { html += "<li><code>\(HTMLText.escaped(key))</code></li>" }
            html += "</ul></td></tr>\n"
        }
        return html
    }
}
