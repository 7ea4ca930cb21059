/// How soon a request must be acknowledged; each urgency's deadline is a rule (`ack-routine`, `ack-urgent`,
/// `ack-critical`).
public enum Urgency: String, CaseIterable, Hashable, Sendable, Codable {
    /// Acknowledged within `ack-routine` (72 h by default).
    case routine
    /// Acknowledged within `ack-urgent` (24 h by default).
    case urgent
    /// Acknowledged within `ack-critical` (2 h by default).
    case critical
}
