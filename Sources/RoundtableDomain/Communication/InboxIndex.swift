/// Which checks and deliveries concern each member, and the index of the latest act that made an inbox item for it:
/// so that a member's inbox is computed from its own items, and an open stream learns in constant time that nothing new
/// awaits its member.
///
/// The members are few, so their entries are a plain dictionary (a commit copies it once); each member's items are
/// ``SharedList``s, which a commit extends without copying.
public struct InboxIndex: Hashable, Sendable, Codable {
    /// One member's share.
    struct Entry: Hashable, Sendable, Codable {
        var checks = SharedList<UInt64>()
        var received = SharedList<DeliveryID>()
        var sent = SharedList<DeliveryID>()
        var latest: UInt64 = 0
    }

    private var entries: [MemberID: Entry] = [:]

    /// The index of the latest act that made an item of the member's inbox; 0 when there is none.
    /// - Parameter member: The member.
    public func latest(for member: MemberID) -> UInt64 { entries[member]?.latest ?? 0 }

    func entry(for member: MemberID) -> Entry { entries[member] ?? Entry() }

    /// Records a check, or what became of it.
    /// - Parameters:
    ///   - check: The check as it now stands.
    ///   - isNew: Whether the check was not recorded before.
    mutating func record(_ check: Communication.Check, isNew: Bool) {
        let member = check.opening.member
        if isNew { entries[member, default: Entry()].checks.prepend(check.index) }
        bump(member, to: max(check.index, check.overdue ?? 0, check.acknowledged.values.max() ?? 0))
    }

    /// Records a delivery, or what became of it, for its recipient (and its requester, when known).
    /// - Parameters:
    ///   - delivery: The delivery as it now stands.
    ///   - requester: The member that sent the request, if this state knows it.
    ///   - isNew: Whether the delivery was not recorded before.
    mutating func record(_ delivery: Communication.Delivery, requester: MemberID?, isNew: Bool) {
        let recipient = delivery.opening.recipient
        if isNew { entries[recipient, default: Entry()].received.prepend(delivery.id) }
        bump(recipient, to: max(delivery.index, delivery.overdue ?? 0))
        if let requester { link(delivery, requester: requester, isNew: isNew) }
    }

    /// Records a delivery among those of the member that sent its request: its acknowledgement, answers and overdue
    /// act are items of that member's inbox.
    /// - Parameters:
    ///   - delivery: The delivery.
    ///   - requester: The member that sent its request.
    ///   - isNew: Whether the delivery was not yet linked to its requester.
    mutating func link(_ delivery: Communication.Delivery, requester: MemberID, isNew: Bool) {
        if isNew { entries[requester, default: Entry()].sent.prepend(delivery.id) }
        bump(requester, to: max(delivery.acknowledged ?? 0, delivery.overdue ?? 0, delivery.answers.lazy.map(\.index).max() ?? 0))
    }

    /// Records that a request closed: an item for each of its recipients.
    mutating func closed(_ request: Communication.Request, recipients: [MemberID]) {
        guard let closed = request.closedAt else { return }
        for recipient in recipients { bump(recipient, to: closed) }
    }

    private mutating func bump(_ member: MemberID, to latest: UInt64) {
        if latest > entries[member]?.latest ?? 0 { entries[member, default: Entry()].latest = latest }
    }
}
