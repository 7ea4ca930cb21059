public import RoundtableDomain
import TransparencyLog

/// `/members`: every member with its status, how it was admitted, and its keys.
public struct MembersPage: WebPage {
    public static let template = "members"

    struct Row {
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
                id: member.id.rawValue, anchor: "member-\(member.id.rawValue)", name: member.displayName,
                status: t.term("member_status", member.status.rawValue), suspended: member.status == .suspended,
                admission: decision.map { t("member_admitted_by", ["id": String($0.id), "title": $0.draft.title]) } ?? t("member_founder"),
                admissionHref: decision.map { "/proposals/\($0.id)" } ?? "/acts/0",
                keys: member.keys.map(\.description))
        }
    }
}
