public import RoundtableDomain

/// When an act was logged, as far as the record shows: bounded by a checkpoint the members' witnesses cosigned, or,
/// until one includes it, by the first checkpoint the node signed, on the node's own clock (labelled so).
public enum LoggedTime: Sendable, Hashable {
    /// The witnessed time of the first cosigned checkpoint including the act.
    case witnessed(Timestamp)
    /// The node's time of signing the first checkpoint including the act.
    case nodeClock(Timestamp)

    /// The better bound the store knows: the witnessed time if any, else the node's; `nil` when it knows neither.
    /// - Parameter times: An entry's logging times.
    public init?(_ times: LoggingTime) {
        if let witnessed = times.witnessed {
            self = .witnessed(witnessed)
        } else if let signed = times.signed {
            self = .nodeClock(signed)
        } else {
            return nil
        }
    }

    /// The time in words for a timeline: `logged by TIME, witnessed` or `…, by the node's clock`.
    func phrase(_ t: Localizer) -> String {
        switch self {
        case .witnessed(let time): t("logged_witnessed", ["time": t.time(time)])
        case .nodeClock(let time): t("logged_node_clock", ["time": t.time(time)])
        }
    }
}
