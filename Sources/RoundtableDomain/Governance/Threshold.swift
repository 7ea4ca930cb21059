/// The majority a ballot needs, counted over the members present and voting (yes + no).
public enum Threshold: String, Hashable, Sendable, Codable {
    /// More yes than no; a tie rejects.
    case simpleMajority = "simple-majority"
    /// At least twice as many yes as no (yes ≥ ⅔ of yes + no), in exact integers.
    case twoThirds = "two-thirds"

    /// Whether these counts meet the threshold; at least one yes or no vote must have been cast.
    /// - Parameters:
    ///   - yes: Yes votes.
    ///   - no: No votes.
    public func isMet(yes: Int, no: Int) -> Bool {
        switch self {
        case .simpleMajority: yes > no
        case .twoThirds: yes >= 2 * no
        }
    }
}
