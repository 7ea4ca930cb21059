/// The samples of a Prometheus text exposition (a node's `GET /metrics`), by name and labels as written, for instance
/// `roundtable_append_batch_acts_sum` or `roundtable_acts_refused_total{code="replayed"}`. Comment lines are skipped,
/// and so is a line whose value is not a number.
public enum PrometheusSamples {
    /// Reads the samples of an exposition.
    /// - Parameter text: The exposition's text.
    /// - Returns: Each sample's value, keyed by its name and labels.
    public static func parse(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
