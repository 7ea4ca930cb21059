/// Checks HTML written by the Markdown renderer, strictly: the elements and attributes it writes and nothing else.
enum HTMLCheck {
    /// The elements the renderer writes, with the attributes each may carry.
    static let elements: [String: Set<String>] = [
        "p": [], "h1": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "em": [], "strong": [], "s": [], "code": ["class"], "pre": [],
        "blockquote": [], "ul": [], "ol": ["start"], "li": [], "a": ["href"], "table": [], "thead": [], "tbody": [], "tr": [],
        "th": ["align"], "td": ["align"], "br": [], "hr": [],
    ]
    /// The elements that have no end tag.
    static let voids: Set<String> = ["br", "hr"]
    /// The character references that may appear in a link, and what they stand for.
    static let references: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "#39": "'"]

    /// What is wrong with a rendering, or `nil` when nothing is. The HTML is read byte by byte, as a browser reads it,
    /// not by characters (a combining mark after a `"` or `;` does not hide it).
    static func problem(in html: String) -> String? {
        let bytes = Array(html.utf8)
        var open: [String] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return "a '<' at \(index) that starts no tag" }
                if let problem = tag(bytes[(index + 1)..<end], open: &open) { return problem }
                index = end + 1
            case UInt8(ascii: ">"): return "a '>' at \(index) outside a tag"
            case UInt8(ascii: "&"):
                guard let length = referenceLength(bytes[index...]) else { return "an '&' at \(index) that starts no character reference" }
                index += length
            default: index += 1
            }
        }
        return open.isEmpty ? nil : "elements left open: \(open)"
    }

    /// Checks a tag's bytes (between `<` and `>`) and keeps the open elements.
    private static func tag(_ bytes: ArraySlice<UInt8>, open: inout [String]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.first == UInt8(ascii: "/") {
            let name = String(decoding: bytes.dropFirst(), as: UTF8.self)
            guard open.last == name else { return "</\(name)> closes \(open.last.map { "<\($0)>" } ?? "nothing")" }
            open.removeLast()
            return nil
        }
        let name = String(decoding: bytes.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self)
        guard let allowed = elements[name] else { return "an element <\(name)> the renderer does not write" }
        var rest = bytes.dropFirst(name.utf8.count)
        while let space = rest.first {
            guard space == UInt8(ascii: " "), let equals = rest.firstIndex(of: UInt8(ascii: "=")), equals + 1 < rest.endIndex,
                rest[equals + 1] == UInt8(ascii: "\"")
            else { return "a malformed attribute in <\(text)>" }
            let attribute = String(decoding: rest[(rest.startIndex + 1)..<equals], as: UTF8.self)
            guard let valueEnd = rest[(equals + 2)...].firstIndex(of: UInt8(ascii: "\"")) else { return "an unterminated attribute in <\(text)>" }
            guard allowed.contains(attribute) else { return "an attribute \(attribute) on <\(name)>" }
            if let problem = value(Array(rest[(equals + 2)..<valueEnd]), of: attribute) { return problem }
            rest = rest[(valueEnd + 1)...]
        }
        if !voids.contains(name) { open.append(name) }
        return nil
    }

    /// Checks an attribute's value as a browser reads it.
    private static func value(_ bytes: [UInt8], of attribute: String) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = decoded(bytes) else { return "a character reference in \(attribute)=\"\(text)\" that a link may not hold" }
        switch attribute {
        case "href": return isSafe(value) ? nil : "a link to \(value.debugDescription)"
        case "start": return value.allSatisfy(\.isNumber) ? nil : "a list start \(value.debugDescription)"
        case "align": return ["left", "center", "right"].contains(value) ? nil : "an alignment \(value.debugDescription)"
        default: return value.utf8.contains { "<>\"".utf8.contains($0) } ? "markup in \(attribute)=\"\(text)\"" : nil
        }
    }

    /// A link the renderer may write: `https`, `http` or `mailto`, a fragment, or a path on this site (not `//host` or
    /// `/\host`); no space or control character. Read by bytes, as a browser reads a URL.
    private static func isSafe(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        guard !bytes.isEmpty, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return false }
        let lowered = Array(url.lowercased().utf8)
        if ["https://", "http://", "mailto:"].contains(where: { lowered.starts(with: $0.utf8) }) || bytes[0] == UInt8(ascii: "#") { return true }
        return bytes[0] == UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "\\")
    }

    /// An attribute value with its character references replaced, or `nil` when it holds an `&` that is not one of
    /// ``references``.
    private static func decoded(_ bytes: [UInt8]) -> String? {
        var rest = bytes[...]
        var result: [UInt8] = []
        while let ampersand = rest.firstIndex(of: UInt8(ascii: "&")) {
            result += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: UInt8(ascii: ";")),
                let character = references[String(decoding: rest[(ampersand + 1)..<semicolon], as: UTF8.self)]
            else { return nil }
            result += Array(character.utf8)
            rest = rest[(semicolon + 1)...]
        }
        return String(decoding: result + rest, as: UTF8.self)
    }

    /// The length of the character reference at the start of some bytes (`&name;`, `&#digits;`, `&#xhex;`), or `nil`.
    private static func referenceLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        let body = bytes.dropFirst().prefix { $0 != UInt8(ascii: ";") }
        guard body.count < 33, bytes.count > body.count + 1, let first = body.first else { return nil }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let isHex = { (byte: UInt8) in isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) }
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        let valid: Bool
        if first == UInt8(ascii: "#") {
            let digits = body.dropFirst()
            if digits.first.map({ $0 | 0x20 == UInt8(ascii: "x") }) == true {
                valid = (1...6).contains(digits.count - 1) && digits.dropFirst().allSatisfy(isHex)
            } else {
                valid = (1...7).contains(digits.count) && digits.allSatisfy(isDigit)
            }
        } else {
            valid = isLetter(first) && body.allSatisfy { isLetter($0) || isDigit($0) }
        }
        return valid ? body.count + 2 : nil
    }
}
