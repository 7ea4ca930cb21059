@testable import RoundtableExchange
import RoundtableJSON
import Testing

@Suite("JSON: parsing and compact re-serialization")
struct JSONParsingTests {
    @Test(
        "valid documents re-serialize compactly, keeping member order and number text",
        arguments: [
            (#"{"b":1,"a":[true,false,null,-0.5e3,"x"]}"#, #"{"b":1,"a":[true,false,null,-0.5e3,"x"]}"#),
            (" \t\r\n{ \"b\" : 1 ,\n\t\"a\" : [ true , false , null , -0.5e3 , \"x\" ] }\r\n ", #"{"b":1,"a":[true,false,null,-0.5e3,"x"]}"#),
            (#"{"z":1,"a":2,"m":3}"#, #"{"z":1,"a":2,"m":3}"#),
            ("null", "null"),
            ("true", "true"),
            ("false", "false"),
            ("0", "0"),
            ("-0", "-0"),
            ("-0.0", "-0.0"),
            ("1.0", "1.0"),
            ("1.50", "1.50"),
            ("1e2", "1e2"),
            ("1E2", "1E2"),
            ("1E+2", "1E+2"),
            ("1e-07", "1e-07"),
            ("0.000001", "0.000001"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
            ("-9223372036854775809", "-9223372036854775809"),
            (#""""#, #""""#),
            (#""plain""#, #""plain""#),
            ("[]", "[]"),
            ("{}", "{}"),
            ("[ ]", "[]"),
            ("{ }", "{}"),
            ("[[],{},[[]]]", "[[],{},[[]]]"),
            (#"{"":{"":[]}}"#, #"{"":{"":[]}}"#),
            (#"[1, "two", {"three": 3.0}, [4e4], null]"#, #"[1,"two",{"three":3.0},[4e4],null]"#),
            ("\"é😀 raw UTF-8\"", "\"é😀 raw UTF-8\""),
            ("\"\u{7F}\"", "\"\u{7F}\""),
        ])
    func reserializes(input: String, expected: String) throws {
        let value = try parseJSON(input)
        #expect(serializedText(value) == expected)
        // And the compact form is a fixed point.
        #expect(try parseJSON(expected) == value)
        #expect(serializedText(try parseJSON(expected)) == expected)
    }

    @Test("the values read back with their kinds, member order and number text")
    func structure() throws {
        let value = try parseJSON(#"{"b":1,"a":[true,false,null,-0.5e3,"x"]}"#)
        let members = try #require(value.members)
        #expect(members.map(\.key) == ["b", "a"])
        #expect(value["b"] == .number("1"))
        #expect(value["a"] == .array([.bool(true), .bool(false), .null, .number("-0.5e3"), .string("x")]))
        #expect(value["a"]?.array?.count == 5)
        #expect(value["a"]?.array?[4].string == "x")
        #expect(value["missing"] == nil)
        #expect(value.string == nil)
        #expect(value.array == nil)
        #expect(JSONValue.array([])["a"] == nil)
        #expect(JSONValue.string("s").members == nil)

        let ordered = try parseJSON(#"{"z":1,"y":2,"x":3,"w":4}"#)
        #expect(ordered.members?.map(\.key) == ["z", "y", "x", "w"])
    }

    @Test("numbers keep their text: 1, 1.0 and 1e0 are different values")
    func numbersKeepText() throws {
        #expect(try parseJSON("1") == .number("1"))
        #expect(try parseJSON("1.0") == .number("1.0"))
        #expect(try parseJSON("1e0") == .number("1e0"))
        #expect(try parseJSON("1") != parseJSON("1.0"))
        #expect(try parseJSON("-0") != parseJSON("0"))
        #expect(JSONValue.number("1") != JSONValue.string("1"))
    }

    @Test(
        "member names are distinct when their code points differ (RFC 8259 §8.3), even if canonically equivalent")
    func canonicallyEquivalentKeys() throws {
        // U+00E9 and U+0065 U+0301 are different names to every code-unit-comparing JSON implementation.
        let value = try parseJSON(#"{"\u00e9":1,"e\u0301":2}"#)
        #expect(value.members?.count == 2)
        let raw = try parseJSON("{\"\u{E9}\":1,\"e\u{301}\":2}")
        #expect(raw.members?.count == 2)
        // The same in an object large enough to be checked with a set of names.
        let large = try parseJSON("{" + (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + #","\u00e9":1,"e\u0301":2}"#)
        #expect(large.members?.count == 22)
    }

    @Test(
        "values whose texts differ are different values, even if canonically equivalent")
    func canonicallyEquivalentStrings() {
        let composed = JSONValue.string("\u{E9}")
        let decomposed = JSONValue.string("e\u{301}")
        #expect(composed.serialized != decomposed.serialized)
        #expect(composed != decomposed)
        #expect(JSONValue.object([(key: "\u{E9}", value: .null)]) != JSONValue.object([(key: "e\u{301}", value: .null)]))
    }

    @Test("object equality is member-order sensitive; equal values hash equally")
    func equalityAndHashing() throws {
        let ab = try parseJSON(#"{"a":1,"b":2}"#)
        let ba = try parseJSON(#"{"b":2,"a":1}"#)
        #expect(ab != ba)
        #expect(ab == (try parseJSON(" { \"a\" : 1 , \"b\" : 2 } ")))
        #expect(ab.hashValue == (try parseJSON(#"{"a":1,"b":2}"#)).hashValue)
        #expect(Set([ab, ba, try parseJSON(#"{"a":1,"b":2}"#)]).count == 2)
        #expect(JSONValue.object([]) != JSONValue.array([]))
        #expect(JSONValue.object([(key: "a", value: .null)]) != JSONValue.object([]))
        #expect(JSONValue.object([(key: "a", value: .null)]) != JSONValue.object([(key: "b", value: .null)]))
        #expect(JSONValue.object([(key: "a", value: .null)]) != JSONValue.object([(key: "a", value: .bool(false))]))
        #expect(JSONValue.array([.null]) != JSONValue.array([.null, .null]))
    }
}

@Suite("JSON: string escapes")
struct JSONEscapeTests {
    @Test(
        "escapes decode to the right characters",
        arguments: [
            (#""\n""#, "\n"),
            (#""\"""#, "\""),
            (#""\\""#, "\\"),
            (#""\/""#, "/"),
            (#""\b\f\r\t""#, "\u{8}\u{C}\r\t"),
            (#""\u00e9""#, "é"),
            (#""\u00E9""#, "é"),
            (#""\u0041\u0062""#, "Ab"),
            (#""\u0000""#, "\u{0}"),
            (#""\u001F""#, "\u{1F}"),
            (#""\u20ac""#, "€"),
            (#""\uFFFF""#, "\u{FFFF}"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\uD83D\uDE00""#, "😀"),
            (#""\udbff\udfff""#, "\u{10FFFF}"),
            (#""\ud800\udc00""#, "\u{10000}"),
            (#""a\u00e9b\nc\"d\\e\/f""#, "aéb\nc\"d\\e/f"),
            ("\"é\\n😀\"", "é\n😀"),
            (#""\\u00e9""#, "\\u00e9"),
        ])
    func decodes(input: String, expected: String) throws {
        let value = try parseJSON(input)
        #expect(value == .string(expected))
        #expect(value.string?.unicodeScalars.map(\.value) == expected.unicodeScalars.map(\.value))
    }

    @Test("the writer escapes quotes, backslashes and every control character, and nothing else")
    func writerEscapes() throws {
        let text = "\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1B}\u{1F} \"\\/\u{7F}é😀"
        let written = serializedText(.string(text))
        #expect(written == #""\u0000\u0001\u0008\t\n\u000b\u000c\r\u001b\u001f \"\\/"# + "\u{7F}é😀\"")
        #expect(try parseJSON(written) == .string(text))
    }

    @Test("every C0 control character is written escaped and reads back", arguments: 0..<0x20)
    func controlCharacters(code: Int) throws {
        let text = "a" + String(Character(Unicode.Scalar(UInt8(code)))) + "b"
        let bytes = JSONValue.string(text).serialized
        #expect(!bytes.contains { $0 < 0x20 })
        #expect(try JSONParser.parse(bytes) == .string(text))
    }

    @Test("member names are escaped like strings")
    func keysEscaped() throws {
        let value = JSONValue.object([(key: "a\"b\n\u{1}", value: .string("v"))])
        #expect(serializedText(value) == #"{"a\"b\n\u0001":"v"}"#)
        #expect(try parseJSON(serializedText(value)) == value)
        #expect(try parseJSON(#"{"\u0061\n":1}"#).members?.first?.key == "a\n")
    }

    @Test("non-ASCII text is written as raw UTF-8, not \\u escapes")
    func rawUTF8() throws {
        #expect(JSONValue.string("é😀").serialized == [0x22] + Array("é😀".utf8) + [0x22])
        #expect(serializedText(try parseJSON(#""\u00e9\ud83d\ude00""#)) == "\"é😀\"")
    }
}

@Suite("JSON: refusals")
struct JSONRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        init(_ name: String, _ text: String) {
            self.name = name
            self.bytes = Array(text.utf8)
        }
        init(_ name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Trailing commas and missing separators.
        Case("trailing comma in an array", "[1,2,]"),
        Case("trailing comma in an object", #"{"a":1,}"#),
        Case("lone comma in an array", "[,]"),
        Case("leading comma in an array", "[,1]"),
        Case("double comma", "[1,,2]"),
        Case("missing comma", "[1 2]"),
        Case("missing colon", #"{"a" 1}"#),
        Case("missing value", #"{"a":}"#),
        Case("unquoted member name", "{a:1}"),
        Case("number as member name", "{1:1}"),
        // Numbers.
        Case("leading zero 01", "01"),
        Case("leading zero -01", "-01"),
        Case("leading zero in an array", "[00]"),
        Case("leading zero 01.5", "01.5"),
        Case("no digit after the point: 1.", "1."),
        Case("no digit before the point: .5", ".5"),
        Case("no digit before the point: -.5", "-.5"),
        Case("plus sign", "+1"),
        Case("lone minus", "-"),
        Case("empty exponent", "1e"),
        Case("signed empty exponent", "1e+"),
        Case("exponent after point", "1.e3"),
        Case("hexadecimal", "0x10"),
        Case("NaN", "NaN"),
        Case("NaN in an array", "[NaN]"),
        Case("Infinity", "Infinity"),
        Case("-Infinity", "-Infinity"),
        // Literals.
        Case("truncated true", "tru"),
        Case("capitalized True", "True"),
        Case("truncated null", "nul"),
        Case("undefined", "undefined"),
        // Strings.
        Case("unterminated string", #""abc"#),
        Case("unterminated string after an escape", #""abc\n"#),
        Case("unterminated escape", #""abc\"#),
        Case("unterminated member name", #"{"a"#),
        Case("raw newline in a string", "\"a\nb\""),
        Case("raw tab in a string", "\"a\tb\""),
        Case("raw NUL in a string", "\"a\u{0}b\""),
        Case("raw 0x1F in a string", "\"\u{1F}\""),
        Case("raw control after an escape", "\"\\n\u{1}\""),
        Case("unknown escape \\x", #""\x41""#),
        Case("unknown escape \\a", #""\a""#),
        Case("unknown escape \\U", #""\U00e9""#),
        Case("escaped single quote", #""\'""#),
        Case("short \\u escape", #""\u12""#),
        Case("non-hex \\u escape", #""\u12g4""#),
        Case("unpaired high surrogate at the end", #""\ud83d""#),
        Case("unpaired high surrogate then text", #""\ud83dx""#),
        Case("high surrogate then a non-surrogate escape", #""\ud83d\u0041""#),
        Case("two high surrogates", #""\ud83d\ud83d""#),
        Case("high surrogate then another escape", #""\ud83d\n""#),
        Case("lone low surrogate", #""\ude00""#),
        Case("reversed surrogate pair", #""\ude00\ud83d""#),
        Case("invalid UTF-8: 0xFF", bytes: [0x22, 0xFF, 0x22]),
        Case("invalid UTF-8: 0xC0 0xAF overlong", bytes: [0x22, 0xC0, 0xAF, 0x22]),
        Case("invalid UTF-8: bad continuation", bytes: [0x22, 0xC3, 0x28, 0x22]),
        Case("invalid UTF-8: lone continuation byte", bytes: [0x22, 0x80, 0x22]),
        Case("invalid UTF-8: truncated sequence", bytes: [0x22, 0xE2, 0x82, 0x22]),
        Case("invalid UTF-8: encoded surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]),
        Case("invalid UTF-8: beyond U+10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
        Case("invalid UTF-8 after an escape", bytes: [0x22, 0x5C, 0x6E, 0xFF, 0x22]),
        Case("invalid UTF-8: lead byte completed by an escape", bytes: [0x22, 0xC3] + Array(#"\u00a9""#.utf8)),
        Case("invalid UTF-8 in a member name", bytes: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]),
        Case("single-quoted string", "'a'"),
        Case("single-quoted member name", "{'a':1}"),
        // Duplicates.
        Case("duplicate keys", #"{"a":1,"a":2}"#),
        Case("duplicate keys with the same value", #"{"a":1,"a":1}"#),
        Case("duplicate keys spelled differently", #"{"a":1,"\u0061":2}"#),
        Case("nested duplicate keys", #"{"o":{"k":1,"k":[]}}"#),
        Case("duplicate keys in an array's object", #"[{"k":1,"j":2,"k":3}]"#),
        Case("a duplicate key in a large object", "{" + (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k3\":0}"),
        Case(
            "a duplicate key in a large object, spelled differently",
            "{" + (0..<20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + #","\u006b19":0}"#
        ),
        // Trailing garbage and empty input.
        Case("trailing garbage after an object", "{} x"),
        Case("an extra closing bracket", "[1]]"),
        Case("two values", "1 2"),
        Case("two objects", "{}{}"),
        Case("letters after true", "truex"),
        Case("null twice", "nullnull"),
        Case("trailing NUL", "0\u{0}"),
        Case("empty input", ""),
        Case("only whitespace", " \t\r\n"),
        // Not JSON at all.
        Case("line comment", "// comment\n1"),
        Case("block comment", "/* comment */ 1"),
        Case("comment inside an array", "[1 /* c */]"),
        Case("hash comment", "# c\n1"),
        Case("form feed is not whitespace", "\u{C}1"),
        Case("no-break space is not whitespace", "\u{A0}1"),
        Case("unclosed array", "[1,"),
        Case("unclosed object", #"{"a":1"#),
        Case("unopened array", "]"),
        Case("unopened object", "}"),
        Case("only a colon", ":"),
    ]

    @Test("malformed documents are refused with a JSONError", arguments: cases)
    func refused(_ testCase: Case) {
        #expect(throws: JSONError.self) { try JSONParser.parse(testCase.bytes) }
    }

    @Test("errors carry a byte offset and a reason")
    func errorDetails() throws {
        let duplicate = try #require(jsonRefusal(Array(#"{"a":1,"a":2}"#.utf8)))
        #expect(duplicate.reason.contains("duplicate"))
        #expect(duplicate.reason.contains("a"))
        #expect(duplicate.offset > 0 && duplicate.offset <= 10)
        #expect(duplicate.description.hasPrefix("invalid JSON at byte \(duplicate.offset): "))

        let garbage = try #require(jsonRefusal(Array("{} x".utf8)))
        #expect(garbage.offset == 3)

        let empty = try #require(jsonRefusal([]))
        #expect(empty.offset == 0)

        let leadingZero = try #require(jsonRefusal(Array("[01]".utf8)))
        #expect(leadingZero.reason.contains("leading zero"))
    }
}

@Suite("JSON: nesting depth")
struct JSONDepthTests {
    static func nestedArrays(_ depth: Int, inner: String = "") -> [UInt8] {
        Array((String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)).utf8)
    }

    static func nestedObjects(_ depth: Int, inner: String = "{}") -> [UInt8] {
        // `depth` objects: depth - 1 wrappers around the innermost `{}`.
        Array((String(repeating: #"{"k":"#, count: depth - 1) + inner + String(repeating: "}", count: depth - 1)).utf8)
    }

    @Test("64 levels of arrays or objects are accepted, 65 are refused")
    func boundary() throws {
        #expect(JSONParser.maximumDepth == 64)
        #expect(jsonRefusal(Self.nestedArrays(64)) == nil)
        #expect(throws: JSONError.self) { try JSONParser.parse(Self.nestedArrays(65)) }
        #expect(jsonRefusal(Self.nestedObjects(64)) == nil)
        #expect(throws: JSONError.self) { try JSONParser.parse(Self.nestedObjects(65)) }
        // Mixed arrays and objects count alike.
        let mixed = String(repeating: #"[{"k":"#, count: 31) + "[{}]" + String(repeating: "}]", count: 31)
        #expect(jsonRefusal(Array(mixed.utf8)) == nil)
        let mixedTooDeep = String(repeating: #"[{"k":"#, count: 32) + "[]" + String(repeating: "}]", count: 32)
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(mixedTooDeep.utf8)) }
        let error = try #require(jsonRefusal(Self.nestedArrays(65)))
        #expect(error.reason.contains("64"))
    }

    @Test("a scalar inside 63 containers is accepted")
    func scalarInside63() {
        #expect(jsonRefusal(Self.nestedArrays(63, inner: "1")) == nil)
        #expect(jsonRefusal(Self.nestedObjects(64, inner: "1")) == nil)  // 63 objects around `1`
    }

    @Test
    func scalarInside64() {
        #expect(jsonRefusal(Self.nestedArrays(64, inner: "1")) == nil)
        #expect(jsonRefusal(Self.nestedArrays(64, inner: "\"s\"")) == nil)
    }

    @Test("very deep input is refused without exhausting the stack")
    func veryDeep() {
        #expect(throws: JSONError.self) { try JSONParser.parse(Self.nestedArrays(100_000)) }
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(String(repeating: "[", count: 1_000_000).utf8)) }
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(String(repeating: #"{"a":"#, count: 100_000).utf8)) }
    }
}

@Suite("JSON: round trip parse(serialize(v)) == v")
struct JSONRoundTripTests {
    static let samples: [JSONValue] = [
        .null, .bool(true), .bool(false),
        .number("0"), .number("-0"), .number("1"), .number("-0.5e3"), .number("1E+2"), .number("6.02214076e23"),
        .number("123456789012345678901234567890.000000000000000000001"),
        .string(""), .string("plain"), .string("quote \" backslash \\ slash /"),
        .string("\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F}"), .string("é€😀\u{10FFFF}\u{FFFF}"),
        .string("\\u00e9 is not an escape here"),
        .array([]), .object([]),
        .array([.null, .bool(true), .number("2"), .string("3"), .array([.array([])]), .object([])]),
        .object([(key: "b", value: .number("1")), (key: "a", value: .array([.bool(true), .bool(false), .null, .number("-0.5e3"), .string("x")]))]),
        .object([(key: "", value: .object([(key: "", value: .array([]))]))]),
        .object([(key: "z", value: .null), (key: "\n\"\\", value: .string("k")), (key: "é😀", value: .number("1e-9"))]),
        try! parseJSON(validIndicatorText),
        genuineTLPMarkingDefinition(.green),
        (0..<63).reduce(JSONValue.array([])) { inner, _ in .array([inner]) },
    ]

    @Test("sample values survive a round trip", arguments: samples)
    func samplesRoundTrip(_ value: JSONValue) throws {
        let bytes = value.serialized
        let parsed = try JSONParser.parse(bytes)
        #expect(parsed == value)
        #expect(parsed.serialized == bytes)
        // Compact: no insignificant whitespace outside strings.
        #expect(!String(decoding: bytes, as: UTF8.self).hasPrefix(" "))
    }

    @Test("write(to:) appends the same bytes as serialized")
    func writeAppends() {
        var out: [UInt8] = Array("prefix".utf8)
        let value = Self.samples[19]
        value.write(to: &out)
        #expect(out == Array("prefix".utf8) + value.serialized)
    }

    static func randomNumber(_ rng: inout SplitMix64) -> String {
        var text = Bool.random(using: &rng) ? "-" : ""
        if Int.random(in: 0..<4, using: &rng) == 0 {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng))
            for _ in 0..<Int.random(in: 0..<25, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Bool.random(using: &rng) {
            text += "."
            for _ in 0..<Int.random(in: 1..<12, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        if Bool.random(using: &rng) {
            text += ["e", "E"].randomElement(using: &rng)!
            text += ["", "+", "-"].randomElement(using: &rng)!
            for _ in 0..<Int.random(in: 1..<4, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
        }
        return text
    }

    static let scalarPool: [Unicode.Scalar] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{C}", "\r", "\u{1F}", "\u{7F}", "\u{80}",
        "é", "€", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "😀", "\u{10FFFF}", "u", "{", "}", "[", "]", ",", ":",
    ]

    static func randomString(_ rng: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0..<12, using: &rng) { text.unicodeScalars.append(scalarPool.randomElement(using: &rng)!) }
        return text
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        let kind = depth >= 6 ? Int.random(in: 0..<4, using: &rng) : Int.random(in: 0..<6, using: &rng)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(randomNumber(&rng))
        case 3: return .string(randomString(&rng))
        case 4: return .array((0..<Int.random(in: 0..<5, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            // Distinct keys: a random prefix plus the index.
            return .object(
                (0..<Int.random(in: 0..<5, using: &rng)).map { index in
                    (key: randomString(&rng) + "#\(index)", value: randomValue(&rng, depth: depth + 1))
                })
        }
    }

    @Test("random values survive a round trip (seeded)", arguments: [1, 2, 3, 42] as [UInt64])
    func randomRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<300 {
            let value = Self.randomValue(&rng, depth: 0)
            let bytes = value.serialized
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(parsed.serialized == bytes)
        }
    }

    @Test("random number texts parse to themselves (seeded)")
    func randomNumbers() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<1_000 {
            let text = Self.randomNumber(&rng)
            #expect(try parseJSON(text) == .number(text), "\(text)")
        }
    }
}
