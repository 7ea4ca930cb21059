import RoundtableDomain

extension LoggingTime {
    /// When an act was logged, in words for a timeline: by the witnessed time when a cosigned checkpoint includes it
    /// (`logged by TIME, witnessed`), else by the node's own clock, labelled so; `nil` when neither is known.
    func phrase(_ t: Localizer) -> String? {
        if let witnessed { return t("logged_witnessed", ["time": t.time(witnessed)]) }
        if let signed { return t("logged_node_clock", ["time": t.time(signed)]) }
        return nil
    }
}
