extension API {
    /// `GET /api/v1/communication`: every member's public communication figures, computed from the public log alone.
    public struct CommunicationFigures: Codable, Sendable, Equatable {
        /// The number of log entries the figures were computed from.
        public var size: UInt64
        /// `public` or `sealed`: whether the log names the parties of requests (`rule request-parties`).
        public var requestParties: String
        /// Every member's figures, by member id.
        public var members: [MemberCommunication]

        /// Creates a value.
        public init(size: UInt64, requestParties: String, members: [MemberCommunication]) {
            self.size = size
            self.requestParties = requestParties
            self.members = members
        }

        enum CodingKeys: String, CodingKey {
            case size, members
            case requestParties = "request_parties"
        }
    }

    /// One member's communication figures.
    public struct MemberCommunication: Codable, Sendable, Equatable {
        /// The member id.
        public var member: String
        /// How many points of contact it has, by role: `diplomatic`, `technical`, `law-enforcement-24-7`.
        public var contacts: [String: Int]
        /// Its last communication check, or `null` if none was made.
        public var lastCheck: LastCheck?
        /// How many requests were delivered to it.
        public var requestsReceived: Int
        /// How many of them it acknowledged in time: before the node's `overdue` act, or with none.
        public var acknowledgedInTime: Int
        /// How many of them the node marked overdue.
        public var overdue: Int
        /// The median number of seconds from delivery to the witnessed time of the acknowledgement; `null` when no
        /// acknowledgement has a witnessed time.
        public var medianSecondsToAcknowledge: Int64?
        /// How many requests it sent; `null` unless requests name their parties in the log.
        public var requestsSent: Int?

        /// Creates a value.
        public init(
            member: String, contacts: [String: Int], lastCheck: LastCheck?, requestsReceived: Int, acknowledgedInTime: Int, overdue: Int,
            medianSecondsToAcknowledge: Int64?, requestsSent: Int?
        ) {
            self.member = member
            self.contacts = contacts
            self.lastCheck = lastCheck
            self.requestsReceived = requestsReceived
            self.acknowledgedInTime = acknowledgedInTime
            self.overdue = overdue
            self.medianSecondsToAcknowledge = medianSecondsToAcknowledge
            self.requestsSent = requestsSent
        }

        /// Writes `null` for an absent figure rather than leaving it out.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(member, forKey: .member)
            try container.encode(contacts, forKey: .contacts)
            try container.encode(lastCheck, forKey: .lastCheck)
            try container.encode(requestsReceived, forKey: .requestsReceived)
            try container.encode(acknowledgedInTime, forKey: .acknowledgedInTime)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(medianSecondsToAcknowledge, forKey: .medianSecondsToAcknowledge)
            try container.encode(requestsSent, forKey: .requestsSent)
        }

        enum CodingKeys: String, CodingKey {
            case member, contacts, overdue
            case lastCheck = "last_check"
            case requestsReceived = "requests_received"
            case acknowledgedInTime = "acknowledged_in_time"
            case medianSecondsToAcknowledge = "median_seconds_to_acknowledge"
            case requestsSent = "requests_sent"
        }
    }

    /// A member's last communication check.
    public struct LastCheck: Codable, Sendable, Equatable {
        /// The check's log index.
        public var index: UInt64
        /// When it opened, by the node's clock (RFC 3339, UTC).
        public var openedAt: String
        /// `answered` (every contact acknowledged in time), `pending` (not yet, and not overdue) or `missed` (the node's
        /// `overdue` act named silent contacts).
        public var outcome: String

        /// Creates a value.
        public init(index: UInt64, openedAt: String, outcome: String) {
            self.index = index
            self.openedAt = openedAt
            self.outcome = outcome
        }

        enum CodingKeys: String, CodingKey {
            case index, outcome
            case openedAt = "opened_at"
        }
    }
}
