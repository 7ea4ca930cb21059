public import TransparencyLog

/// The communication mechanism's state as the log has made it: each member's points of contact, the checks, the
/// requests and their deliveries; and, on the node only, what the sealed documents say (``SealedLedger``).
///
/// The collections that grow with every check and request are ``LogIndexedMap``s: the node commits on a copy of its
/// state while readers hold the last one, and a commit copies only the stretches of the log its acts fall in.
public struct Communication: Hashable, Sendable, Codable {
    /// A member's point of contact.
    public struct Contact: Hashable, Sendable, Codable {
        /// What the `contact` act stated.
        public var entry: ContactEntry
        /// The index of the act that added or last updated it.
        public var since: UInt64
        /// When a check last asked it to answer; `nil` if none has since it was added or updated.
        public var lastChecked: Timestamp?
    }

    /// A communication check and its answers.
    public struct Check: Hashable, Sendable, Codable {
        /// The check's index in the log.
        public let index: UInt64
        /// What the node's `check` act stated.
        public let opening: CheckOpening
        /// Each contact's acknowledgement: the index of its `ack` act.
        public var acknowledged: [String: UInt64] = [:]
        /// The index of the node's `overdue` act for this check, if its deadline passed with contacts silent.
        public var overdue: UInt64?

        /// The contacts that have not acknowledged.
        public var silent: [String] { opening.challenges.map(\.contact).filter { acknowledged[$0] == nil } }

        /// Whether a contact's acknowledgement came before the check's `overdue` act (or there is none).
        /// - Parameter contact: The contact.
        public func answeredInTime(_ contact: String) -> Bool {
            guard let ack = acknowledged[contact] else { return false }
            return overdue.map { ack < $0 } ?? true
        }
    }

    /// A request and what became of it.
    public struct Request: Hashable, Sendable, Codable {
        /// The request's index in the log.
        public let index: UInt64
        /// Who sent it.
        public let requester: MemberID
        /// What the `request` act stated.
        public let draft: RequestDraft
        /// Its deliveries, when the parties are public (the log links them).
        public var deliveries: [DeliveryID] = []
        /// How the requester closed it, if it did.
        public var outcome: RequestOutcome?
        /// The index of the requester's `close-request` act.
        public var closedAt: UInt64?

        init(index: UInt64, requester: MemberID, draft: RequestDraft) {
            self.index = index
            self.requester = requester
            self.draft = draft
        }
    }

    /// One recipient's copy of a request.
    public struct Delivery: Hashable, Sendable, Codable {
        /// An answer's status and index.
        public struct Answer: Hashable, Sendable, Codable {
            /// What the answer says.
            public let status: AnswerStatus
            /// Its `answer` act's index.
            public let index: UInt64
        }

        /// The log index of the `deliver` act that made it.
        public let index: UInt64
        /// What the node's `deliver` act stated for this recipient.
        public let opening: DeliveryOpening
        /// The index of the recipient's `ack` act.
        public var acknowledged: UInt64?
        /// The recipient's answers, in order.
        public var answers: [Answer] = []
        /// The index of the node's `overdue` act, if the deadline passed unacknowledged.
        public var overdue: UInt64?

        /// Whether the acknowledgement came before the `overdue` act (or there is none).
        public var acknowledgedInTime: Bool { acknowledged.map { ack in overdue.map { ack < $0 } ?? true } ?? false }

        /// The delivery's identifier: its act and its recipient.
        public var id: DeliveryID { DeliveryID(index: index, recipient: opening.recipient) }
    }

    /// The points of contact, by member and contact identifier.
    public internal(set) var contacts: [MemberID: [String: Contact]] = [:]
    /// The checks, by index.
    public internal(set) var checks = LogIndexedMap<UInt64, Check>()
    /// Members' `ask-check` acts the node has not yet answered with a check: index → (member, contacts or all).
    public internal(set) var pendingAsks: [UInt64: AskedCheck] = [:]
    /// The requests, by index.
    public internal(set) var requests = LogIndexedMap<UInt64, Request>()
    /// The deliveries, by act and recipient.
    public internal(set) var deliveries = LogIndexedMap<DeliveryID, Delivery>()
    /// What the sealed documents say: kept by the node, empty in an auditor's replay.
    public internal(set) var ledger = SealedLedger()
    /// Open requests with recipients the node has not yet delivered to (as far as this state can tell): few, since the
    /// node delivers at once, so a plain set that a commit copies once.
    public internal(set) var undelivered: Set<UInt64> = []
    /// Checks with contacts still silent and no `overdue` act yet.
    public internal(set) var openChecks = LogIndexedMap<UInt64, Timestamp>()
    /// Deliveries neither acknowledged nor overdue.
    public internal(set) var openDeliveries = LogIndexedMap<DeliveryID, Timestamp>()
    /// No open check or delivery has a deadline before this: the clerk looks for overdue ones only from then on.
    public internal(set) var earliestOpenDeadline: Timestamp?
    /// Which checks and deliveries concern each member.
    public internal(set) var inboxIndex = InboxIndex()
    /// The deliveries of each request, from the log (public parties) or the node's sealed ledger.
    public internal(set) var deliveriesOfRequest = LogIndexedMap<UInt64, [DeliveryID]>()

    /// An `ask-check` act waiting for its check.
    public struct AskedCheck: Hashable, Sendable, Codable {
        /// The member that asked.
        public let member: MemberID
        /// The contacts to check; `nil` for all of them.
        public let contacts: [String]?
    }

    /// Creates an empty state.
    public init() {}

    /// The contact keys a member registered, with their contacts.
    /// - Parameter member: The member.
    public func contactKeys(of member: MemberID) -> [(contact: String, key: NoteVerifier)] {
        (contacts[member] ?? [:]).values.compactMap { contact in contact.entry.key.map { (contact.entry.id, $0) } }
            .sorted { $0.contact < $1.contact }
    }

    /// Whether any member registered this key for one of its contacts.
    /// - Parameter key: The key.
    public func isContactKey(_ key: NoteVerifier) -> Bool {
        contacts.values.contains { $0.values.contains { $0.entry.key == key } }
    }

    /// Applies one change to the communication state; ``ForumState/apply(_:)`` calls it.
    mutating func apply(_ change: ForumChange) {
        switch change {
        case .contactSet(let member, let contact):
            if let old = contacts[member]?[contact.entry.id], old.since != contact.since { ledger.forgetContactDetails(at: old.since) }
            contacts[member, default: [:]][contact.entry.id] = contact
        case .contactRemoved(let member, let id):
            if let old = contacts[member]?[id] { ledger.forgetContactDetails(at: old.since) }
            contacts[member]?[id] = nil
        case .checkAsked(let index, let ask): pendingAsks[index] = ask
        case .checkRecorded(let check):
            let isNew = checks.updateValue(check, forKey: check.index) == nil
            if let asked = check.opening.asked { pendingAsks[asked] = nil }
            if check.overdue == nil && !check.silent.isEmpty {
                openChecks[check.index] = check.opening.until
                earliestOpenDeadline = min(earliestOpenDeadline ?? check.opening.until, check.opening.until)
            } else if openChecks.removeValue(forKey: check.index) != nil, check.opening.until == earliestOpenDeadline {
                recomputeEarliestOpenDeadline()
            }
            inboxIndex.record(check, isNew: isNew)
        case .requestRecorded(let request):
            requests[request.index] = request
            refreshUndelivered(request.index)
            if request.closedAt != nil { inboxIndex.closed(request, recipients: (deliveriesOfRequest[request.index] ?? []).map(\.recipient)) }
        case .deliveryRecorded(let delivery):
            let id = delivery.id
            let isNew = deliveries.updateValue(delivery, forKey: id) == nil
            let request = self.request(of: delivery)
            inboxIndex.record(delivery, requester: request?.requester, isNew: isNew)
            if let request, delivery.opening.request != nil { add(id, to: request.index) }
            if delivery.acknowledged == nil && delivery.overdue == nil {
                openDeliveries[id] = delivery.opening.ackBy
                earliestOpenDeadline = min(earliestOpenDeadline ?? delivery.opening.ackBy, delivery.opening.ackBy)
            } else if openDeliveries.removeValue(forKey: id) != nil, delivery.opening.ackBy == earliestOpenDeadline {
                recomputeEarliestOpenDeadline()
            }
        case .communicationRecorded(let record):
            ledger.record(record, isContactDetails: holdsContactDetails(record))
            switch record {
            case .sealed(let index, _, _): refreshUndelivered(index)
            case .delivered(let delivery, let request):
                add(delivery, to: request)
                if let request = requests[request], let made = deliveries[delivery] {
                    inboxIndex.link(made, requester: request.requester, isNew: true)
                    // At start-up the records come after the whole log: the request may have closed since.
                    inboxIndex.closed(request, recipients: [delivery.recipient])
                }
                refreshUndelivered(request)
            case .nonces: break
            }
        default: break
        }
    }

    /// Whether a record's document is the details of a current contact. A contact's `contactSet` comes before its
    /// document, in the same commit or in the log replayed before the store's records. A request's document is told
    /// at once; an answer's after a look at every contact (a few per member), which only answers pay.
    private func holdsContactDetails(_ record: CommunicationRecord) -> Bool {
        guard case .sealed(let index, _, nil) = record, requests[index] == nil else { return false }
        return contacts.values.contains { $0.values.contains { $0.since == index } }
    }

    /// The earliest deadline among the open checks and deliveries, after the one that held it closed.
    private mutating func recomputeEarliestOpenDeadline() {
        earliestOpenDeadline = [openChecks.values.min(), openDeliveries.values.min()].compactMap { $0 }.min()
    }


    private mutating func add(_ delivery: DeliveryID, to request: UInt64) {
        if !(deliveriesOfRequest[request]?.contains(delivery) ?? false) { deliveriesOfRequest[request, default: []].append(delivery) }
    }

    private mutating func refreshUndelivered(_ index: UInt64) {
        guard let request = requests[index] else { return }
        let delivered = deliveriesOfRequest[index]?.count ?? 0
        if request.outcome == nil && delivered < request.draft.recipients.count { undelivered.insert(index) } else { undelivered.remove(index) }
    }

    /// The recipients of a `deliver` act, in ascending order; none when the index is no `deliver` act.
    /// - Parameter index: The act's log index.
    public func recipients(ofDeliveries index: UInt64) -> [MemberID] { deliveries.keys(of: index).map(\.recipient).sorted() }

    /// The request a delivery belongs to, from the log (public parties) or from the node's sealed ledger.
    /// - Parameter delivery: The delivery.
    public func request(of delivery: Delivery) -> Request? {
        guard let index = delivery.opening.request ?? ledger.requestOfDelivery[delivery.id] else { return nil }
        return requests[index]
    }
}
