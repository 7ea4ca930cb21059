import HashTreeCollections

/// Which checks and deliveries concern each member, and the index of the latest act that made an inbox item for it:
/// so that a member's inbox is computed from its own items, and an open stream learns in constant time that nothing new
/// awaits its member.
public struct InboxIndex: Hashable, Sendable, Codable {
    /// One member's share.
    struct Entry: Hashable, Sendable, Codable {
        var checks: [UInt64] = []
        var received: [UInt64] = []
        var sent: [UInt64] = []
        var latest: UInt64 = 0
    }

    private var entries: TreeDictionary<MemberID, Entry> = [:]

    /// The index of the latest act that made an item of the member's inbox; 0 when there is none.
    /// - Parameter member: The member.
    public func latest(for member: MemberID) -> UInt64 { entries[member]?.latest ?? 0 }

    func entry(for member: MemberID) -> Entry { entries[member] ?? Entry() }

    mutating func record(_ check: Communication.Check) {
        let member = check.opening.member
        if entries[member]?.checks.last != check.index && !(entries[member]?.checks.contains(check.index) ?? false) {
            entries[member, default: Entry()].checks.append(check.index)
        }
        bump(member, to: [check.index, check.overdue ?? 0] + check.acknowledged.values)
    }

    mutating func record(_ delivery: Communication.Delivery, requester: MemberID?) {
        let recipient = delivery.opening.recipient
        if !(entries[recipient]?.received.contains(delivery.index) ?? false) { entries[recipient, default: Entry()].received.append(delivery.index) }
        bump(recipient, to: [delivery.index, delivery.overdue ?? 0])
        if let requester { link(delivery, requester: requester) }
    }

    /// Records a delivery among those of the member that sent its request: its acknowledgement, answers and overdue
    /// act are items of that member's inbox.
    mutating func link(_ delivery: Communication.Delivery, requester: MemberID) {
        if !(entries[requester]?.sent.contains(delivery.index) ?? false) { entries[requester, default: Entry()].sent.append(delivery.index) }
        bump(requester, to: [delivery.acknowledged ?? 0, delivery.overdue ?? 0] + delivery.answers.map(\.index))
    }

    /// Records that a request closed: an item for each of its recipients.
    mutating func closed(_ request: Communication.Request, recipients: [MemberID]) {
        guard let closed = request.closedAt else { return }
        for recipient in recipients { bump(recipient, to: [closed]) }
    }

    private mutating func bump(_ member: MemberID, to indexes: [UInt64]) {
        entries[member, default: Entry()].latest = max(entries[member]?.latest ?? 0, indexes.max() ?? 0)
    }
}
