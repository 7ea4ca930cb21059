/// Text made safe to place in HTML, between tags or in a quoted attribute: what a template's `{{value}}` does, for
/// the few fragments built in Swift (the rows of long tables, where one string per row renders much faster than a
/// template looking up each cell).
enum HTMLText {
    /// The text with `&`, `<`, `>`, `"` and `'` written as character references.
    static func escaped(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
