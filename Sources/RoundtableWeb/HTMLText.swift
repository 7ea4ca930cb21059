/// Text made safe to place in HTML, between tags or in a quoted attribute: what a template's `{{value}}` does, for
/// the few fragments built in Swift (the rows of long tables, where one string per row renders much faster than a
/// template looking up each cell).
enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` written as character references.
    static func escaped(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        // By Unicode scalar, not by character: `"` followed by a combining mark is one character, and still a quote
        // to a browser.
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": scalars.append(contentsOf: "&lt;".unicodeScalars)
            case ">": scalars.append(contentsOf: "&gt;".unicodeScalars)
            case "&": scalars.append(contentsOf: "&amp;".unicodeScalars)
            case "\"": scalars.append(contentsOf: "&quot;".unicodeScalars)
            case "'": scalars.append(contentsOf: "&#39;".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }
}
