/// A moment in UTC, to the second, as the node writes it on its own acts: RFC 3339 `2026-11-29T10:00:00Z`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    /// Wraps a count of seconds since the Unix epoch.
    /// - Parameter seconds: Seconds since 1970-01-01T00:00:00Z.
    public init(seconds: Int64) { self.seconds = seconds }

    /// Parses the only form acts use: `YYYY-MM-DDTHH:MM:SSZ`, years 1970–9999.
    /// - Parameter text: The timestamp text.
    public init(parsing text: some StringProtocol) throws(ActError) {
        let seconds = text.utf8.withContiguousStorageIfAvailable(Self.seconds(parsing:)) ?? Self.seconds(parsing: Array(text.utf8))
        guard let seconds else { throw ActError(.malformedAct, "'\(text)' is not a timestamp; write UTC as YYYY-MM-DDTHH:MM:SSZ") }
        self.init(seconds: seconds)
    }

    private static func seconds(parsing bytes: some RandomAccessCollection<UInt8>) -> Int64? {
        guard bytes.count == 20 else { return nil }
        let base = bytes.startIndex
        func byte(_ offset: Int) -> UInt8 { bytes[bytes.index(base, offsetBy: offset)] }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for offset in range {
                let digit = byte(offset) &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"), byte(10) == UInt8(ascii: "T"), byte(13) == UInt8(ascii: ":"),
            byte(16) == UInt8(ascii: ":"), byte(19) == UInt8(ascii: "Z"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            year >= 1970, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// The RFC 3339 form, `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        // Each number in at least `width` digits, more if it needs them.
        func append(_ value: Int64, _ width: Int, then separator: UInt8) {
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            let value = value.magnitude
            var divisor: UInt64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
            bytes.append(separator)
        }
        append(year, 4, then: UInt8(ascii: "-"))
        append(month, 2, then: UInt8(ascii: "-"))
        append(day, 2, then: UInt8(ascii: "T"))
        append(time / 3_600, 2, then: UInt8(ascii: ":"))
        append(time / 60 % 60, 2, then: UInt8(ascii: ":"))
        append(time % 60, 2, then: UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// This moment plus a number of seconds.
    /// - Parameter duration: Seconds to add.
    public func adding(_ duration: Int64) -> Timestamp { Timestamp(seconds: seconds + duration) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Days from 1970-01-01 in the proleptic Gregorian calendar (the civil calendar algorithms of H. Hinnant).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
