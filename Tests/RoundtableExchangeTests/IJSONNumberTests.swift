@testable import RoundtableExchange
import RoundtableJSON
import Testing

/// STIX is exchanged as I-JSON (RFC 7493): a number an IEEE 754 double cannot hold is refused, wherever it is.
@Suite("I-JSON numbers in STIX objects")
struct IJSONNumberTests {
    static let tooLarge = ["1e400", "-1e400", "1" + String(repeating: "0", count: 400), "-" + String(repeating: "9", count: 400) + ".5"]

    @Test("a number beyond a double's range is refused, at the top, in an array or in a nested object", arguments: tooLarge)
    func refused(_ number: String) throws {
        for json in [
            validIndicator().setting("x_score", .number(number)),
            validIndicator().setting("x_scores", .array([.number("1"), .number(number)])),
            validIndicator().setting("x_detail", .object([("inner", .object([("value", .number(number))]))])),
        ] {
            #expect {
                try STIXValidator.validate(json)
            } throws: { error in
                let message = (error as? STIXError)?.message ?? ""
                return message.contains("does not fit an IEEE 754 double") && message.contains("I-JSON")
            }
        }
    }

    @Test("numbers a double holds pass: the largest finite, the smallest, fractions and exponents")
    func accepted() throws {
        for number in ["1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "0", "-0.5", "1E3", "123456789012345678901234567890"] {
            _ = try STIXValidator.validate(validIndicator().setting("x_score", .number(number)))
        }
    }
}
