import RoundtableDomain

/// A STIX timestamp (RFC 3339, UTC, `Z`, optional fraction): `2026-11-29T10:00:00.123Z`. Compared as instants, not as
/// strings, to the nanosecond; the fraction's digits are kept for the precision rules. Years run to 9999.
public struct STIXTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds past ``seconds``.
    public let nanosecond: Int64
    /// How many fraction digits the text had.
    public let precision: Int
    /// The text as written.
    public let text: String

    /// Parses a STIX timestamp.
    /// - Parameter text: The timestamp's text.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"),
            let seconds = try? Timestamp(parsing: String(decoding: bytes[0..<19], as: UTF8.self) + "Z")
        else { return nil }
        var fraction = bytes[19..<(bytes.count - 1)]
        var precision = 0
        var nanos: Int64 = 0
        if !fraction.isEmpty {
            guard fraction.first == UInt8(ascii: "."), fraction.count >= 2 else { return nil }
            fraction = fraction.dropFirst()
            guard fraction.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            precision = fraction.count
            for (offset, digit) in fraction.prefix(9).enumerated() {
                nanos += Int64(digit - UInt8(ascii: "0")) * Self.powersOfTen[8 - offset]
            }
        } else if bytes.count != 20 {
            return nil
        }
        self.seconds = seconds.seconds
        self.nanosecond = nanos
        self.precision = precision
        self.text = text
    }

    private static let powersOfTen: [Int64] = (0..<9).map { power in (0..<power).reduce(Int64(1)) { value, _ in value * 10 } }

    /// Nanoseconds since 1970, saturating at `Int64.max` (after 2262).
    public var nanoseconds: Int64 {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product.addingReportingOverflow(nanosecond).overflow ? .max : product + nanosecond
    }

    /// Microseconds since 1970: the key a stored version is found by (exact to year 9999).
    public var microseconds: Int64 { seconds * 1_000_000 + nanosecond / 1_000 }

    public var description: String { text }

    public static func < (lhs: STIXTimestamp, rhs: STIXTimestamp) -> Bool { (lhs.seconds, lhs.nanosecond) < (rhs.seconds, rhs.nanosecond) }
    public static func == (lhs: STIXTimestamp, rhs: STIXTimestamp) -> Bool { lhs.seconds == rhs.seconds && lhs.nanosecond == rhs.nanosecond }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(nanosecond)
    }
}
