public import RoundtableDomain

/// What the node tells a member's contact after an act: that something awaits it and where to read it. Never the sealed
/// content; for a check, the contact's nonce, which it returns in its acknowledgement.
public struct CommunicationNotice: Hashable, Sendable {
    /// What awaits the member.
    public let kind: InboxItem.Kind
    /// The log index of the act.
    public let index: UInt64
    /// The member told.
    public let member: MemberID
    /// The contact told; `nil` to tell every contact of the member.
    public let contact: String?
    /// A check's nonce for this contact.
    public let nonce: [UInt8]?
    /// The deadline of a check or a delivery.
    public let deadline: Timestamp?

    /// Creates a notice.
    public init(kind: InboxItem.Kind, index: UInt64, member: MemberID, contact: String?, nonce: [UInt8]?, deadline: Timestamp?) {
        self.kind = kind
        self.index = index
        self.member = member
        self.contact = contact
        self.nonce = nonce
        self.deadline = deadline
    }
}

/// Where the node sends its notices: webhooks and e-mail, in `roundtable serve`.
public protocol NoticeSink: Sendable {
    /// Takes notices to deliver; returns at once.
    /// - Parameters:
    ///   - notices: The notices.
    ///   - state: The state after the act, whose sealed ledger holds the contacts' details.
    func send(_ notices: [CommunicationNotice], state: ForumState)
}

extension ForumState {
    /// The notices an act that was just committed at `index` calls for.
    /// - Parameters:
    ///   - body: What the act does.
    ///   - actor: Who wrote it.
    ///   - index: Its log index.
    public func notices(for body: Act.Body, by actor: Act.Actor, at index: UInt64) -> [CommunicationNotice] {
        let c = communication
        func toAll(_ member: MemberID?, _ kind: InboxItem.Kind, deadline: Timestamp? = nil) -> [CommunicationNotice] {
            member.map { [CommunicationNotice(kind: kind, index: index, member: $0, contact: nil, nonce: nil, deadline: deadline)] } ?? []
        }
        switch body {
        case .check(let opening):
            return opening.challenges.map {
                CommunicationNotice(
                    kind: .check, index: index, member: opening.member, contact: $0.contact, nonce: c.ledger.nonces[index]?[$0.contact],
                    deadline: opening.until)
            }
        case .deliver(let openings): return openings.flatMap { toAll($0.recipient, .request, deadline: $0.ackBy) }
        case .acknowledge(.delivery(let delivery)):
            return toAll(requester(of: delivery, to: actor), .acknowledgement)
        case .answer(let delivery, _, _): return toAll(requester(of: delivery, to: actor), .answer)
        case .overdue(.check(let check, _, _)): return toAll(c.checks[check]?.opening.member, .overdue)
        case .overdue(.delivery(let index, let recipients, _)):
            let deliveries = recipients.compactMap { c.deliveries[DeliveryID(index: index, recipient: $0)] }
            let requesters = Set(deliveries.compactMap { c.request(of: $0)?.requester }).sorted()
            return recipients.flatMap { toAll($0, .overdue) } + requesters.flatMap { toAll($0, .overdue) }
        case .closeRequest(let request, _):
            return (c.deliveriesOfRequest[request] ?? []).map(\.recipient).sorted().flatMap { toAll($0, .closed) }
        case .genesis, .credential, .propose, .object, .vote, .explain, .withdraw, .circulate, .consensusCall, .ballot, .close, .decision,
            .collection, .exchange, .contact, .askCheck, .acknowledge(.check), .request:
            return []
        }
    }

    /// The requester of the delivery `index` to the member acting, if the state knows it.
    private func requester(of index: UInt64, to actor: Act.Actor) -> MemberID? {
        guard case .member(let member) = actor, let delivery = communication.deliveries[DeliveryID(index: index, recipient: member)] else {
            return nil
        }
        return communication.request(of: delivery)?.requester
    }
}
