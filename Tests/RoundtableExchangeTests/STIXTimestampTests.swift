import RoundtableDomain
@testable import RoundtableExchange
import Testing

@Suite("STIX timestamps")
struct STIXTimestampTests {
    static let base = try! Timestamp(parsing: "2026-11-29T10:00:00Z").seconds * 1_000_000_000

    @Test(
        "timestamps parse with the precision of their fraction",
        arguments: [
            ("2026-11-29T10:00:00Z", 0, Int64(0)),
            ("2026-11-29T10:00:00.1Z", 1, Int64(100_000_000)),
            ("2026-11-29T10:00:00.12Z", 2, Int64(120_000_000)),
            ("2026-11-29T10:00:00.123Z", 3, Int64(123_000_000)),
            ("2026-11-29T10:00:00.000Z", 3, Int64(0)),
            ("2026-11-29T10:00:00.123456Z", 6, Int64(123_456_000)),
            ("2026-11-29T10:00:00.123456789Z", 9, Int64(123_456_789)),
            ("2026-11-29T10:00:00.000000001Z", 9, Int64(1)),
            ("2026-11-29T10:00:00.999999999Z", 9, Int64(999_999_999)),
            ("2026-11-29T10:00:00.1234567891Z", 10, Int64(123_456_789)),
        ])
    func parses(text: String, precision: Int, nanos: Int64) throws {
        let timestamp = try #require(STIXTimestamp(text))
        #expect(timestamp.precision == precision)
        #expect(timestamp.nanoseconds == Self.base + nanos)
        #expect(timestamp.text == text)
        #expect(timestamp.description == text)
    }

    @Test("the instant is counted from the Unix epoch in nanoseconds")
    func epoch() throws {
        #expect(STIXTimestamp("1970-01-01T00:00:00Z")?.nanoseconds == 0)
        #expect(STIXTimestamp("1970-01-01T00:00:00.000000001Z")?.nanoseconds == 1)
        #expect(STIXTimestamp("1970-01-01T00:00:01.5Z")?.nanoseconds == 1_500_000_000)
        #expect(STIXTimestamp("1970-01-02T00:00:00.000Z")?.nanoseconds == 86_400_000_000_000)
        // 2026-11-29T10:00:00Z is 20_786 days and 10 hours after the epoch.
        let expected: Int64 = (20_786 * 86_400 + 36_000) * 1_000_000_000
        #expect(try #require(STIXTimestamp("2026-11-29T10:00:00Z")).nanoseconds == expected)
        #expect(STIXTimestamp("2028-02-29T23:59:59.999Z") != nil)
        #expect(STIXTimestamp("2262-01-01T00:00:00.000Z") != nil)
    }

    @Test("instants are compared, not strings")
    func comparesInstants() throws {
        func t(_ text: String) -> STIXTimestamp { STIXTimestamp(text)! }
        #expect(t("2026-11-29T10:00:00.1Z") == t("2026-11-29T10:00:00.100Z"))
        #expect(t("2026-11-29T10:00:00.1Z").hashValue == t("2026-11-29T10:00:00.100Z").hashValue)
        #expect(t("2026-11-29T10:00:00Z") == t("2026-11-29T10:00:00.000000000Z"))
        #expect(t("2026-11-29T10:00:00.61069Z") < t("2026-11-29T10:00:00.611Z"))
        #expect(!(t("2026-11-29T10:00:00.611Z") < t("2026-11-29T10:00:00.61069Z")))
        // As strings "…00.5Z" < "…00Z" ('.' < 'Z'); as instants it is later.
        #expect(t("2026-11-29T10:00:00Z") < t("2026-11-29T10:00:00.5Z"))
        #expect("2026-11-29T10:00:00.5Z" < "2026-11-29T10:00:00Z")
        #expect(t("2026-11-29T10:00:00.999999999Z") < t("2026-11-29T10:00:01Z"))
        #expect(t("2026-11-29T23:59:59.9Z") < t("2026-11-30T00:00:00Z"))
        #expect(t("2026-11-29T10:00:00.1Z") <= t("2026-11-29T10:00:00.10Z"))
        #expect(Set([t("2026-11-29T10:00:00.1Z"), t("2026-11-29T10:00:00.100Z"), t("2026-11-29T10:00:00.10000Z")]).count == 1)
        // Digits beyond the ninth do not change the instant.
        #expect(t("2026-11-29T10:00:00.1234567891Z") == t("2026-11-29T10:00:00.123456789Z"))
    }

    @Test(
        "malformed timestamps are refused",
        arguments: [
            "2026-11-29 10:00:00Z",
            "2026-11-29t10:00:00Z",
            "2026-11-29T10:00:00",
            "2026-11-29T10:00:00.000",
            "2026-11-29T10:00:00z",
            "2026-11-29T10:00:00+01:00",
            "2026-11-29T10:00:00-00:00",
            "2026-11-29T10:00:00.123+01:00",
            "2026-11-29T10:00:00+0100",
            "2026-02-30T10:00:00Z",
            "2026-02-30T10:00:00.000Z",
            "2025-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-00-01T10:00:00Z",
            "2026-11-31T10:00:00Z",
            "2026-11-29T24:00:00Z",
            "2026-11-29T10:60:00Z",
            "2026-11-29T10:00:60Z",
            "2026-11-29T10:00:00.Z",
            "2026-11-29T10:00:00.1aZ",
            "2026-11-29T10:00:00.a1Z",
            "2026-11-29T10:00:00.abcZ",
            "2026-11-29T10:00:00.-1Z",
            "2026-11-29T10:00:00.+1Z",
            "2026-11-29T10:00:00. 1Z",
            "2026-11-29T10:00:00.1 Z",
            "2026-11-29T10:00:00,123Z",
            "2026-11-29T10:00:00ZZ",
            "2026-11-29T10:00:00.1.2Z",
            "2026-11-29T10:00Z",
            "26-11-29T10:00:00Z",
            "+2026-11-29T10:00:00Z",
            " 2026-11-29T10:00:00Z",
            "2026-11-29T10:00:00Z ",
            "2026-1-29T10:00:00.000Z",
            "2026-11-29T1:00:00.000Z",
            "2026-11-29T10:00:00.١٢٣Z",
            "2026-11-29T10:00:00.¹Z",
            "",
            "Z",
            "yesterday",
        ])
    func refuses(text: String) {
        #expect(STIXTimestamp(text) == nil)
    }

    @Test
    func farFuture() throws {
        let forever = try #require(STIXTimestamp("9999-12-31T23:59:59.999Z"))
        #expect(forever.precision == 3)
        #expect(try #require(STIXTimestamp("2026-11-29T10:00:00Z")) < forever)
        #expect(STIXTimestamp("2263-01-01T00:00:00Z") != nil)
    }
}
