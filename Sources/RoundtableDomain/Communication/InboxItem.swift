/// One thing that awaits a member or concerns it: a check of its contacts, a request delivered to it, and what became
/// of the requests it sent. Computed from the state; its ``index`` (the log index of the act) is the inbox's cursor.
public struct InboxItem: Hashable, Sendable {
    /// What the item is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A check asks some of the member's contacts to acknowledge, with their nonces.
        case check
        /// A request was delivered to the member.
        case request
        /// A recipient acknowledged the member's request.
        case acknowledgement
        /// A recipient answered the member's request.
        case answer
        /// A check of the member's contacts, a delivery to the member, or a delivery of its request, went unacknowledged.
        case overdue
        /// The requester closed a request delivered to the member.
        case closed
    }

    /// The log index of the act the item is about.
    public let index: UInt64
    /// What the item is.
    public let kind: Kind
    /// The check, for `check` and a check's `overdue`.
    public var check: UInt64?
    /// A contact a check asks, with its nonce, which only the member sees.
    public struct Contact: Hashable, Sendable {
        /// The contact's identifier.
        public let id: String
        /// Its nonce; `nil` on an `overdue` item, or where the node keeps none.
        public let nonce: [UInt8]?
    }

    /// The contacts a check asks (with their nonces), or those that stayed silent.
    public var contacts: [Contact] = []
    /// The request, when the member may know it.
    public var request: UInt64?
    /// The delivery.
    public var delivery: UInt64?
    /// The other party: the requester of a delivered request, the recipient of one's own request.
    public var party: MemberID?
    /// The request's urgency.
    public var urgency: Urgency?
    /// The deadline, for checks and deliveries.
    public var deadline: Timestamp?
    /// An answer's status.
    public var status: AnswerStatus?
    /// How a closed request ended.
    public var outcome: RequestOutcome?

    init(index: UInt64, kind: Kind) {
        self.index = index
        self.kind = kind
    }
}

extension ForumState {
    /// What concerns a member after a log index, oldest first.
    /// - Parameters:
    ///   - member: The member.
    ///   - after: Items whose index is at most this one are left out; `nil` for all.
    ///   - limit: The most items returned.
    public func inbox(for member: MemberID, after: UInt64? = nil, limit: Int = 1_000) -> [InboxItem] {
        let c = communication
        let mine = c.inboxIndex.entry(for: member)
        if let after, c.inboxIndex.latest(for: member) <= after { return [] }
        var items: [InboxItem] = []
        for check in mine.checks.compactMap({ c.checks[$0] }) {
            var item = InboxItem(index: check.index, kind: .check)
            item.check = check.index
            item.deadline = check.opening.until
            item.contacts = check.opening.challenges.map { InboxItem.Contact(id: $0.contact, nonce: c.ledger.nonces[check.index]?[$0.contact]) }
            items.append(item)
            if let overdue = check.overdue {
                var late = InboxItem(index: overdue, kind: .overdue)
                late.check = check.index
                late.contacts = check.silent.map { InboxItem.Contact(id: $0, nonce: nil) }
                items.append(late)
            }
        }
        for delivery in Set(mine.received).union(mine.sent).compactMap({ c.deliveries[$0] }) {
            let request = c.request(of: delivery)
            if delivery.opening.recipient == member {
                var item = InboxItem(index: delivery.index, kind: .request)
                item.delivery = delivery.index
                item.request = request?.index
                item.party = request?.requester
                item.urgency = delivery.opening.urgency
                item.deadline = delivery.opening.ackBy
                items.append(item)
                if let overdue = delivery.overdue { items.append(item.with(index: overdue, kind: .overdue)) }
                if let request, let closed = request.closedAt {
                    var close = item.with(index: closed, kind: .closed)
                    close.outcome = request.outcome
                    items.append(close)
                }
            }
            if let request, request.requester == member {
                var item = InboxItem(index: delivery.index, kind: .acknowledgement)
                item.delivery = delivery.index
                item.request = request.index
                item.party = delivery.opening.recipient
                item.urgency = delivery.opening.urgency
                if let ack = delivery.acknowledged { items.append(item.with(index: ack, kind: .acknowledgement)) }
                for answer in delivery.answers {
                    var answered = item.with(index: answer.index, kind: .answer)
                    answered.status = answer.status
                    items.append(answered)
                }
                if let overdue = delivery.overdue { items.append(item.with(index: overdue, kind: .overdue)) }
            }
        }
        let bound = after ?? 0
        let fresh = items.filter { item in after == nil || item.index > bound }
        return Array(
            fresh.sorted { ($0.index, $0.kind.rawValue, $0.party?.rawValue ?? "") < ($1.index, $1.kind.rawValue, $1.party?.rawValue ?? "") }
                .prefix(limit))
    }
}

extension InboxItem {
    fileprivate func with(index: UInt64, kind: Kind) -> InboxItem {
        var item = InboxItem(index: index, kind: kind)
        item.check = check
        item.contacts = contacts
        item.request = request
        item.delivery = delivery
        item.party = party
        item.urgency = urgency
        item.deadline = deadline
        return item
    }
}
