public import RoundtableAPI
public import RoundtableDomain

/// Compares the communication figures a node publishes (`GET /api/v1/communication`) with those an auditor computed
/// from its own replay of the log, figure by figure.
public enum CommunicationFigureCheck {
    /// A figure that differs: the member, the figure's name on the wire, and both values.
    public struct Difference: Hashable, Sendable, CustomStringConvertible {
        /// The member; `nil` for a figure of the forum as a whole.
        public let member: String?
        /// The figure, as the API names it (`requests_received`, `contacts.technical`, `last_check.outcome`…).
        public let figure: String
        /// What the node says.
        public let node: String
        /// What the replay gives.
        public let replay: String

        public var description: String {
            "\(member.map { "member \($0)" } ?? "the forum"): \(figure) is \(node) at the node but \(replay) by the replayed log"
        }
    }

    /// The differences between the node's figures and the replay's.
    /// - Parameters:
    ///   - node: What the node published.
    ///   - replay: What the auditor computed.
    public static func differences(node: API.CommunicationFigures, replay: CommunicationFigures) -> [Difference] {
        var found: [Difference] = []
        if node.requestParties != replay.requestParties.rawValue {
            found.append(.init(member: nil, figure: "request_parties", node: node.requestParties, replay: replay.requestParties.rawValue))
        }
        let published = Dictionary(node.members.map { ($0.member, $0) }, uniquingKeysWith: { first, _ in first })
        for own in replay.members {
            let id = own.member.rawValue
            guard let theirs = published[id] else {
                found.append(.init(member: id, figure: "member", node: "absent", replay: "present"))
                continue
            }
            for (figure, nodeValue, replayValue) in pairs(theirs, own) where nodeValue != replayValue {
                found.append(.init(member: id, figure: figure, node: nodeValue, replay: replayValue))
            }
        }
        let known = Set(replay.members.map(\.member.rawValue))
        for extra in node.members where !known.contains(extra.member) {
            found.append(.init(member: extra.member, figure: "member", node: "present", replay: "absent"))
        }
        return found
    }

    /// Each figure's name and its two values, as text.
    private static func pairs(_ node: API.MemberCommunication, _ own: CommunicationFigures.Member) -> [(String, String, String)] {
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "null" }
        var rows = ContactRole.allCases.map { role in
            ("contacts.\(role.rawValue)", text(node.contacts[role.rawValue]), text(own.contacts[role]))
        }
        let roles = Set(ContactRole.allCases.map(\.rawValue))
        rows += node.contacts.keys.filter { !roles.contains($0) }.sorted().map { ("contacts.\($0)", text(node.contacts[$0]), "null") }
        rows += [
            ("last_check.index", text(node.lastCheck?.index), text(own.lastCheck?.index)),
            ("last_check.opened_at", text(node.lastCheck?.openedAt), text(own.lastCheck?.openedAt.description)),
            ("last_check.outcome", text(node.lastCheck?.outcome), text(own.lastCheck?.outcome.rawValue)),
            ("requests_received", text(node.requestsReceived), text(own.requestsReceived)),
            ("acknowledged_in_time", text(node.acknowledgedInTime), text(own.acknowledgedInTime)),
            ("overdue", text(node.overdue), text(own.overdue)),
            ("median_seconds_to_acknowledge", text(node.medianSecondsToAcknowledge), text(own.medianSecondsToAcknowledge)),
            ("requests_sent", text(node.requestsSent), text(own.requestsSent)),
        ]
        return rows
    }
}
