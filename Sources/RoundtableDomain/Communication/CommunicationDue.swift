/// An act the node owes the communication mechanism at a moment (``ForumState/dueCommunication(now:)``). The node
/// adds what only it can: a check's fresh nonces, and the time.
public enum CommunicationDue: Hashable, Sendable {
    /// Check these contacts of a member, answering an `ask-check` act or on the `check-interval` schedule.
    case check(member: MemberID, contacts: [String], asked: UInt64?)
    /// Deliver requests, in one `deliver` act: each recipient at most once.
    case deliver([Handover])
    /// Record what was not acknowledged by its deadline.
    case overdue(OverdueRecord)

    /// One request to hand to one recipient.
    public struct Handover: Hashable, Sendable {
        /// The request.
        public let request: UInt64
        /// The recipient.
        public let recipient: MemberID
        /// The request's urgency.
        public let urgency: Urgency
        /// Whether the log links the delivery to the request (`request-parties public`).
        public let named: Bool
    }
}

extension ForumState {
    /// The communication acts the node owes at a moment, in a fixed order: checks members asked for, scheduled checks,
    /// deliveries of requests (as few `deliver` acts as hold them, each recipient once an act), then overdue checks and
    /// deliveries (one act for each `deliver` act's deliveries past their deadlines).
    ///
    /// A pure function of the state (with the node's sealed ledger) and the clock, like ``dueNodeActs(now:)``.
    /// - Parameter now: The node's clock.
    public func dueCommunication(now: Timestamp) -> [CommunicationDue] {
        let now = max(now, governance.clock ?? now)
        let rules = governance.rules.communication
        var due: [CommunicationDue] = []
        var asking = Set<MemberID>()
        for (index, ask) in communication.pendingAsks.sorted(by: { $0.key < $1.key }) {
            let mine = communication.contacts[ask.member] ?? [:]
            let contacts = (ask.contacts ?? Array(mine.keys)).filter { mine[$0] != nil }.sorted()
            guard !contacts.isEmpty else { continue }
            asking.insert(ask.member)
            due.append(.check(member: ask.member, contacts: contacts, asked: index))
        }
        for (member, contacts) in communication.contacts.sorted(by: { $0.key < $1.key }) where !asking.contains(member) {
            let owed = contacts.values.filter { contact in contact.lastChecked.map { $0.adding(rules.checkInterval) <= now } ?? true }
            if !owed.isEmpty { due.append(.check(member: member, contacts: owed.map(\.entry.id).sorted(), asked: nil)) }
        }
        var handovers: [CommunicationDue.Handover] = []
        for index in communication.undelivered.sorted() {
            guard let request = communication.requests[index], request.outcome == nil else { continue }
            let named: Bool
            let recipients: [MemberID]
            switch request.draft.recipients {
            case .named(let members): (named, recipients) = (true, members)
            case .sealed: (named, recipients) = (false, communication.ledger.recipients[index] ?? [])
            }
            let delivered = Set((communication.deliveriesOfRequest[index] ?? []).map(\.recipient))
            for recipient in recipients where !delivered.contains(recipient) {
                handovers.append(.init(request: index, recipient: recipient, urgency: request.draft.urgency, named: named))
            }
        }
        due += Self.deliverActs(handovers)
        // Open checks and deliveries are many; none is overdue before the earliest of their deadlines.
        guard let earliest = communication.earliestOpenDeadline, now >= earliest else { return due }
        for index in communication.openChecks.keys.sorted() {
            guard let check = communication.checks[index], check.overdue == nil, now >= check.opening.until else { continue }
            let silent = check.silent
            if !silent.isEmpty { due.append(.overdue(.check(index, contacts: silent, at: now))) }
        }
        var overdue: [UInt64: [MemberID]] = [:]
        for id in communication.openDeliveries.keys.sorted() {
            guard let delivery = communication.deliveries[id], delivery.overdue == nil, delivery.acknowledged == nil,
                now >= delivery.opening.ackBy, communication.request(of: delivery)?.outcome == nil
            else { continue }
            overdue[id.index, default: []].append(id.recipient)
        }
        for index in overdue.keys.sorted() { due.append(.overdue(.delivery(index, recipients: overdue[index]!, at: now))) }
        return due
    }

    /// Groups handovers into `deliver` acts: in order, each into the first act that does not yet deliver to its
    /// recipient and has room.
    static func deliverActs(_ handovers: [CommunicationDue.Handover]) -> [CommunicationDue] {
        var acts: [(recipients: Set<MemberID>, handovers: [CommunicationDue.Handover])] = []
        for handover in handovers {
            let room = { (act: (recipients: Set<MemberID>, handovers: [CommunicationDue.Handover])) in
                !act.recipients.contains(handover.recipient) && act.handovers.count < DeliveryOpening.maximumPerAct
            }
            if let act = acts.firstIndex(where: room) {
                acts[act].recipients.insert(handover.recipient)
                acts[act].handovers.append(handover)
            } else {
                acts.append(([handover.recipient], [handover]))
            }
        }
        return acts.map { .deliver($0.handovers) }
    }
}
