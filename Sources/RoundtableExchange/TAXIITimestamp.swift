import RoundtableDomain

/// TAXII timestamps: UTC with exactly six fraction digits, `2026-11-29T10:00:00.123456Z` (TAXII 2.1 §2), kept as
/// microseconds since 1970.
public enum TAXIITimestamp {
    /// The text of a moment.
    /// - Parameter microseconds: Microseconds since 1970.
    public static func text(_ microseconds: Int64) -> String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let fraction = String(microseconds - seconds * 1_000_000)
        let whole = Timestamp(seconds: seconds).description
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }

    /// Parses a timestamp given as a filter (`added_after`): any RFC 3339 UTC timestamp, truncated to the microsecond.
    /// - Parameter text: The timestamp's text.
    public static func microseconds(_ text: String) -> Int64? {
        STIXTimestamp(text).map(\.microseconds)
    }
}
