public import RoundtableAPI

/// What the communication commands print for a person: an inbox item on one line, a contact or a request as a short
/// block. (`--json` prints the node's JSON instead, for scripts.)
public enum CommunicationText {
    /// One inbox item on a line: its log index, what it is, and what to do about it.
    ///
    /// ```
    /// 118  check 118: answer by 2026-12-04T10:00:00Z; contacts duty (nonce 0a1b…)
    /// 130  request 128 from br, critical: acknowledge delivery 130 by 2026-12-01T12:00:00Z
    /// ```
    public static func line(_ item: API.InboxItem) -> String {
        var what: String
        switch item.kind {
        case "check":
            what = "check \(item.check.map(String.init) ?? "?")"
            if let deadline = item.deadline { what += ": answer by \(deadline)" }
        case "request":
            what = "request \(item.request.map(String.init) ?? "(sealed)")"
            if let party = item.party { what += " from \(party)" }
            if let urgency = item.urgency { what += ", \(urgency)" }
            if let delivery = item.delivery { what += ": acknowledge delivery \(delivery)" + (item.deadline.map { " by \($0)" } ?? "") }
        case "acknowledgement":
            what = "acknowledged" + (item.party.map { " by \($0)" } ?? "") + (item.delivery.map { ": delivery \($0)" } ?? "")
                + (item.request.map { " of request \($0)" } ?? "")
        case "answer":
            what = "answer" + (item.status.map { " '\($0)'" } ?? "") + (item.party.map { " from \($0)" } ?? "")
                + (item.request.map { " to request \($0)" } ?? "")
        case "overdue":
            what = "overdue: " + (item.check.map { "check \($0)" } ?? item.delivery.map { "delivery \($0)" } ?? "a deadline")
                + (item.deadline.map { " (deadline \($0))" } ?? "")
        case "closed":
            what = "request \(item.request.map(String.init) ?? "?") closed" + (item.outcome.map { ": \($0)" } ?? "")
        default:
            what = item.kind
        }
        if let contacts = item.contacts, !contacts.isEmpty {
            let names = contacts.map { contact in contact.id + (contact.nonce.map { " (nonce \($0))" } ?? "") }
            what += (item.kind == "overdue" ? "; silent: " : "; contacts ") + names.joined(separator: ", ")
        }
        return "\(item.index)  \(what)"
    }

    /// A point of contact as a block of lines: who, how to reach them, when.
    public static func block(_ contact: API.Contact) -> String {
        var lines = ["\(contact.member)/\(contact.id) (\(contact.role)), since act \(contact.since)"]
        if let details = contact.details {
            lines.append("  " + details.name + (details.title.map { ", \($0)" } ?? "") + ", \(details.organisation)")
            lines.append("  hours: \(details.hours)" + (details.timeZone.map { " (\($0))" } ?? "") + "; languages: "
                + details.languages.joined(separator: ", "))
            for (label, value) in [("e-mail", details.email), ("phone", details.phone), ("webhook", details.webhook)] {
                if let value { lines.append("  \(label): \(value)") }
            }
        } else {
            lines.append("  details sealed (SHA-256 \(contact.detailsSHA256))")
        }
        if let key = contact.key { lines.append("  contact key: \(key)") }
        lines.append("  last checked: \(contact.lastChecked ?? "never")")
        return lines.joined(separator: "\n")
    }

    /// A request on one line, for a list.
    public static func line(_ request: API.CommunicationRequest) -> String {
        let subject = request.content.map { "\($0.kind): \($0.subject)" } ?? "(content sealed)"
        let state = request.outcome.map { "closed, \($0)" } ?? "open"
        let acknowledged = request.deliveries.count { $0.acknowledged != nil }
        return "\(request.index)  from \(request.requester), \(request.urgency), \(state) — \(subject) "
            + "(\(acknowledged) of \(request.deliveries.count) deliveries acknowledged)"
    }

    /// A request in full: its content, then each delivery with its acknowledgement, answers and delivery attempts.
    public static func block(_ request: API.CommunicationRequest) -> String {
        var lines = ["Request \(request.index) from \(request.requester), \(request.urgency)"
            + (request.outcome.map { ", closed (\($0))" + (request.closedAt.map { " in act \($0)" } ?? "") } ?? ", open")]
        if let content = request.content {
            lines += [
                "  kind: \(content.kind); to: \(content.to.joined(separator: ", ")); TLP:\(content.tlp.uppercased())"
                    + (content.answerBy.map { "; answer by \($0)" } ?? ""),
                "  subject: \(content.subject)",
            ]
            if !content.references.isEmpty { lines.append("  references: \(content.references.joined(separator: ", "))") }
            lines.append("")
            lines += content.body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        }
        for delivery in request.deliveries {
            lines.append("  delivery \(delivery.index) to \(delivery.recipient) at \(delivery.at), acknowledge by \(delivery.ackBy): "
                + (delivery.acknowledged.map { "acknowledged in act \($0)" } ?? delivery.overdue.map { "overdue (act \($0))" } ?? "awaiting"))
            for answer in delivery.answers {
                lines.append("    answer \(answer.index): \(answer.status)")
                if let body = answer.content?.body {
                    lines += body.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }
                }
            }
            for attempt in delivery.attempts ?? [] {
                lines.append("    notice by \(attempt.channel)" + (attempt.contact.map { " to \($0)" } ?? "")
                    + ", attempt \(attempt.attempt) at \(attempt.at): \(attempt.delivered ? "delivered" : "failed") — \(attempt.detail)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
