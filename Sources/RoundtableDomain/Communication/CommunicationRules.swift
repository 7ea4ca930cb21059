/// The rules of procedure for the communication mechanism: how often contacts are checked, how long they have to answer,
/// the acknowledgement deadline of each urgency, and whether the log names a request's recipients.
public struct CommunicationRules: Hashable, Sendable, Codable {
    /// Whether the log names the parties of a request.
    public enum Parties: String, CaseIterable, Hashable, Sendable, Codable {
        /// The request act names only how many recipients it has, and the node's `deliver` acts do not name the request:
        /// the log does not link a requester to its recipients (but for the order of the acts).
        case sealed
        /// The request act names its recipients and each `deliver` act its request.
        case `public`
    }

    /// The shortest check interval a rule may set: one minute.
    public static let minimumCheckInterval: Int64 = 60

    /// Seconds between two checks of a contact (180 days by default).
    public var checkInterval: Int64 = 180 * 86_400
    /// Seconds a contact has to answer a check (72 hours by default).
    public var checkAnswer: Int64 = 72 * 3_600
    /// Seconds a recipient has to acknowledge a routine request (72 hours by default).
    public var ackRoutine: Int64 = 72 * 3_600
    /// Seconds a recipient has to acknowledge an urgent request (24 hours by default).
    public var ackUrgent: Int64 = 24 * 3_600
    /// Seconds a recipient has to acknowledge a critical request (2 hours by default).
    public var ackCritical: Int64 = 2 * 3_600
    /// Whether the log names a request's recipients (sealed by default).
    public var requestParties: Parties = .sealed

    /// The default rules.
    public init() {}

    /// The acknowledgement deadline of an urgency, in seconds.
    /// - Parameter urgency: The request's urgency.
    public func ackDeadline(_ urgency: Urgency) -> Int64 {
        switch urgency {
        case .routine: ackRoutine
        case .urgent: ackUrgent
        case .critical: ackCritical
        }
    }

    mutating func setAckDeadline(_ urgency: Urgency, _ seconds: Int64) {
        switch urgency {
        case .routine: ackRoutine = seconds
        case .urgent: ackUrgent = seconds
        case .critical: ackCritical = seconds
        }
    }

    /// These rules, refused if a period is out of range.
    func checked() throws(ActError) -> CommunicationRules {
        guard checkInterval >= Self.minimumCheckInterval else {
            throw ActError(.malformedAct, "rule check-interval must be at least 60s")
        }
        for (name, value) in [("check-answer", checkAnswer), ("ack-routine", ackRoutine), ("ack-urgent", ackUrgent), ("ack-critical", ackCritical)] {
            guard value >= 1 else { throw ActError(.malformedAct, "rule \(name) must be at least 1s") }
        }
        return self
    }
}
