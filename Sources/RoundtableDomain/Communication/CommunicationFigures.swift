/// Each member's public communication figures (`docs/communication.md`, "Public figures"): its points of contact by
/// role, its last communication check, the requests delivered to it and how fast it acknowledged them.
///
/// A pure function of the public state and of the acts' times the caller supplies: the node's sealed ledger is never
/// read, so an auditor that replays the log (whose ledger is empty) gets the same figures. Nothing sealed appears:
/// no contents, and no counterparts; the requests a member sent are counted only under `rule request-parties public`.
public struct CommunicationFigures: Hashable, Sendable {
    /// One member's figures.
    public struct Member: Hashable, Sendable {
        /// The member.
        public let member: MemberID
        /// How many points of contact it has in each role (every role, zero included).
        public let contacts: [ContactRole: Int]
        /// Its last communication check, if any.
        public let lastCheck: LastCheck?
        /// How many requests were delivered to it.
        public let requestsReceived: Int
        /// How many of them it acknowledged before their `overdue` act (or with none).
        public let acknowledgedInTime: Int
        /// How many of them the node marked overdue.
        public let overdue: Int
        /// The median, in seconds, from a delivery's time to the time of its acknowledgement, over the acknowledgements
        /// whose time is known; `nil` when none is.
        public let medianSecondsToAcknowledge: Int64?
        /// How many requests it sent; `nil` unless the log names the parties of requests.
        public let requestsSent: Int?
    }

    /// A member's last communication check.
    public struct LastCheck: Hashable, Sendable {
        /// The check's log index.
        public let index: UInt64
        /// When it opened, by the node's clock.
        public let openedAt: Timestamp
        /// What became of it.
        public let outcome: CheckOutcome

        /// Creates a value.
        /// - Parameters:
        ///   - index: The check's log index.
        ///   - openedAt: When it opened.
        ///   - outcome: What became of it.
        public init(index: UInt64, openedAt: Timestamp, outcome: CheckOutcome) {
            self.index = index
            self.openedAt = openedAt
            self.outcome = outcome
        }
    }

    /// What became of a check.
    public enum CheckOutcome: String, CaseIterable, Hashable, Sendable {
        /// Every contact asked acknowledged before the check's `overdue` act: none was written.
        case answered
        /// Some contact has not acknowledged, and no `overdue` act is written yet.
        case pending
        /// The node's `overdue` act named contacts that had not acknowledged.
        case missed
    }

    /// Whether the log names the parties of requests (`rule request-parties`).
    public let requestParties: CommunicationRules.Parties
    /// Every member's figures, by member id.
    public let members: [Member]

    /// Computes the figures.
    /// - Parameters:
    ///   - state: The forum's state; only what the public log gives is read.
    ///   - actTime: The time of the act at a log index, or `nil` when it is not known. The node and the auditor pass
    ///     the witnessed time: that of the earliest checkpoint including the act that a quorum of witnesses cosigned.
    public init(state: ForumState, actTime: (UInt64) -> Timestamp?) {
        let communication = state.communication
        requestParties = state.governance.rules.communication.requestParties
        var lastChecks: [MemberID: Communication.Check] = [:]
        for check in communication.checks.values where lastChecks[check.opening.member].map({ check.index > $0.index }) ?? true {
            lastChecks[check.opening.member] = check
        }
        let received = Dictionary(grouping: communication.deliveries.values, by: \.opening.recipient)
        let sent = Dictionary(grouping: communication.requests.values, by: \.requester)
        let parties = requestParties
        members = state.sortedMembers.map { member in
            let deliveries = received[member.id] ?? []
            let mine = communication.contacts[member.id] ?? [:]
            return Member(
                member: member.id,
                contacts: Dictionary(uniqueKeysWithValues: ContactRole.allCases.map { role in (role, mine.values.count { $0.entry.role == role }) }),
                lastCheck: lastChecks[member.id].map(Self.lastCheck),
                requestsReceived: deliveries.count,
                acknowledgedInTime: deliveries.count(where: \.acknowledgedInTime),
                overdue: deliveries.count { $0.overdue != nil },
                medianSecondsToAcknowledge: Self.median(
                    deliveries.compactMap { delivery in
                        delivery.acknowledged.flatMap(actTime).map { max(0, $0.seconds - delivery.opening.at.seconds) }
                    }),
                requestsSent: parties == .public ? (sent[member.id]?.count ?? 0) : nil)
        }
    }

    /// The log indexes whose time the figures need: the acknowledgements of deliveries.
    /// - Parameter state: The forum's state.
    public static func timedIndexes(_ state: ForumState) -> [UInt64] {
        state.communication.deliveries.values.compactMap(\.acknowledged).sorted()
    }

    /// The figures of one member, if it is one.
    /// - Parameter member: The member.
    public func figures(of member: MemberID) -> Member? { members.first { $0.member == member } }

    private static func lastCheck(_ check: Communication.Check) -> LastCheck {
        let outcome: CheckOutcome =
            if check.opening.challenges.allSatisfy({ check.answeredInTime($0.contact) }) {
                .answered
            } else {
                check.overdue == nil ? .pending : .missed
            }
        return LastCheck(index: check.index, openedAt: check.opening.at, outcome: outcome)
    }

    /// The median of whole seconds: of an even count, the mean of the two middle values, rounded down.
    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        let (low, high) = (sorted[middle - 1], sorted[middle])
        return low + (high - low) / 2
    }
}
