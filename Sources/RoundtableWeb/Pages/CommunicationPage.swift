public import RoundtableDomain

/// `/communication`: each member's public communication figures (``CommunicationFigures``): points of contact by role,
/// its last check, the requests delivered to it, acknowledged in time and overdue, and the median time to acknowledge.
public struct CommunicationPage: WebPage {
    public static let template = "communication"

    struct Row {
        /// The language of the member's name: the forum's.
        let lang: String
        let id: String
        let anchor: String
        let name: String
        let diplomatic: Int
        let technical: Int
        let lawEnforcement: Int
        let lastCheck: String
        let lastCheckHref: String?
        let received: Int
        let inTime: Int
        let overdue: Int
        let median: String
        let sent: String
    }

    public let title: String
    let intro: String
    let parties: String
    let members: [Row]

    /// Builds the page.
    /// - Parameters:
    ///   - figures: The figures, computed from the public state with witnessed times.
    ///   - state: The forum's state, for the members' names.
    ///   - t: The interface text.
    public init(figures: CommunicationFigures, state: ForumState, t: Localizer) {
        title = t("communication_title")
        intro = t("communication_intro")
        parties = t(figures.requestParties == .public ? "communication_parties_public" : "communication_parties_sealed")
        members = figures.members.map { row in
            Row(
                lang: state.governance.rules.language, id: row.member.rawValue, anchor: "communication-\(row.member.rawValue)",
                name: state.members[row.member]?.displayName ?? row.member.rawValue,
                diplomatic: row.contacts[.diplomatic] ?? 0, technical: row.contacts[.technical] ?? 0,
                lawEnforcement: row.contacts[.lawEnforcement] ?? 0,
                lastCheck: row.lastCheck.map { check in
                    let outcome = t.term("check_outcome", check.outcome.rawValue)
                    return t("communication_check", ["index": String(check.index), "time": t.time(check.openedAt), "outcome": outcome])
                } ?? t("communication_no_check"),
                lastCheckHref: row.lastCheck.map { "/acts/\($0.index)" },
                received: row.requestsReceived, inTime: row.acknowledgedInTime, overdue: row.overdue,
                median: row.medianSecondsToAcknowledge.map { Self.duration($0, t) } ?? t("communication_not_witnessed"),
                sent: row.requestsSent.map(String.init) ?? t("communication_sealed"))
        }
    }

    /// A number of seconds as the page shows it: seconds, minutes, hours or days, rounded down.
    /// - Parameters:
    ///   - seconds: The number of seconds.
    ///   - t: The interface text.
    public static func duration(_ seconds: Int64, _ t: Localizer) -> String {
        switch seconds {
        case ..<120: t.count("duration_seconds", Int(seconds))
        case ..<7_200: t.count("duration_minutes", Int(seconds / 60))
        case ..<172_800: t.count("duration_hours", Int(seconds / 3_600))
        default: t.count("duration_days", Int(seconds / 86_400))
        }
    }
}
