/// The characters hidden from Ink while it reads a member's Markdown, each replaced by a stand-in (a noncharacter; a
/// text's own become U+FFFD) and written back after it, where Ink would copy them unescaped, cut markup, or take too
/// long:
///
/// - `&`, written back as `&amp;`: Ink copies any `&…;` run without a space as it is, markup included, so a
///   character reference shows as the text typed;
/// - `<`, written back as `&lt;`: Ink copies one that ends a line, and one with a combining mark; raw HTML shows as
///   text;
/// - `>` with a combining mark (which Ink does not take for a quote's `>` either), written back as `&gt;`;
/// - `[` that cannot open a link because another `[` comes before the next `]` (not counting `\]`), written back as
///   `[`: Ink tries each as a link inside the one before, in time exponential in their number;
/// - the `#` that ends a heading's text, written back as `#` (``hidingLastHash(in:)``): Ink strips a heading's
///   trailing `#`s and one character more (the `>` of a tag, the `;` of a reference); ``withoutClosingSequence(_:)``
///   strips them instead.
///
/// The text given to Ink also starts and ends with a paragraph of its own, removed from the HTML, so that Ink never
/// reads the text's first lines as metadata (`---` lines), which it would drop, and which crashes it when not closed,
/// and never reaches the end of the text where it does not expect it (after a list's last line, indented, it
/// crashes).
enum MarkdownStandIns {
    private static let entries: [(character: Unicode.Scalar, standIn: Unicode.Scalar, written: String)] = [
        ("&", Unicode.Scalar(UInt32(0xFDD0))!, "&amp;"), ("<", Unicode.Scalar(UInt32(0xFDD1))!, "&lt;"),
        (">", Unicode.Scalar(UInt32(0xFDD2))!, "&gt;"), ("[", Unicode.Scalar(UInt32(0xFDD3))!, "["), ("#", hash, "#"),
    ]
    private static let hash = Unicode.Scalar(UInt32(0xFDD4))!
    private static let opening = Unicode.Scalar(UInt32(0xFDD5))!
    private static let closing = Unicode.Scalar(UInt32(0xFDD6))!

    /// The Markdown to give Ink.
    /// - Parameter markdown: A member's text.
    static func hiding(in markdown: String) -> String {
        let characters = Array(markdown)
        var hidden = String.UnicodeScalarView([opening, "\n", "\n"])
        let opensLink = linkOpenings(characters)
        for (index, character) in characters.enumerated() {
            let combined = character.unicodeScalars.count > 1
            for scalar in character.unicodeScalars {
                if scalar == opening || scalar == closing || entries.contains(where: { $0.standIn == scalar }) {
                    hidden.append("\u{FFFD}")
                } else if let entry = entries.first(where: { $0.character == scalar }),
                    scalar == "&" || scalar == "<" || (scalar == ">" && combined) || (character == "[" && !opensLink[index])
                {
                    hidden.append(entry.standIn)
                } else {
                    hidden.append(scalar)
                }
            }
        }
        hidden += ["\n", "\n", closing]
        return String(hidden)
    }

    /// The HTML Ink wrote, with each stand-in written back.
    /// - Parameter html: Ink's HTML of ``hiding(in:)``'s text.
    static func revealing(in html: String) -> String {
        let (start, end) = ("<p>\(opening)</p>", "<p>\(closing)</p>")
        var scalars = html.unicodeScalars[...]
        if html.utf8.starts(with: start.utf8) { scalars = scalars.dropFirst(start.unicodeScalars.count) }
        if html.utf8.reversed().starts(with: end.utf8.reversed()) { scalars = scalars.dropLast(end.unicodeScalars.count) }
        var revealed = ""
        // A block left open at the end (a code block) takes the closing paragraph in: its stand-in is dropped.
        for scalar in scalars where scalar != opening && scalar != closing {
            if let entry = entries.first(where: { $0.standIn == scalar }) {
                revealed += entry.written
            } else {
                revealed.unicodeScalars.append(scalar)
            }
        }
        return revealed
    }

    /// A heading's Markdown, as Ink read it, with the `#` that ends it hidden; `nil` when it does not end with `#`.
    /// - Parameter heading: The heading's Markdown (from its opening `#`s to the end of its text).
    static func hidingLastHash(in heading: Substring) -> String? {
        guard let last = heading.lastIndex(where: { !$0.isWhitespace }), heading[last] == "#" else { return nil }
        return String(heading[..<last]) + String(hash) + String(heading[heading.index(after: last)...])
    }

    /// A heading Ink wrote (`<h1>…</h1>`) without its closing `#`s, those after a space at its end (CommonMark:
    /// `## Title ##`).
    /// - Parameter html: The heading's HTML, before ``revealing(in:)``.
    static func withoutClosingSequence(_ html: String) -> String {
        var scalars = Array(html.unicodeScalars)
        guard scalars.count >= 9, scalars[scalars.count - 6] == hash else { return html }
        let end = scalars.count - 5
        var start = end - 1
        while start > 4, scalars[start - 1] == "#" { start -= 1 }
        guard start == 4 || scalars[start - 1].properties.isWhitespace else { return html }
        while start > 4, scalars[start - 1].properties.isWhitespace { start -= 1 }
        scalars.removeSubrange(start..<end)
        return String(String.UnicodeScalarView(scalars))
    }

    /// Whether each `[` can open a link: the next bracket after it is a `]` (not one after a `\`, which Ink does not
    /// take for the end of a link's text), and when a `(` follows that `]`, the destination up to the next `)` holds
    /// no `[` and is closed. Ink tries a `[` inside another link's text or destination as a link of its own, in time
    /// exponential in how many are nested so.
    private static func linkOpenings(_ characters: [Character]) -> [Bool] {
        var opens = [Bool](repeating: false, count: characters.count)
        var nextBracket: (character: Character, index: Int)?
        for index in characters.indices.reversed() where characters[index] == "[" || characters[index] == "]" {
            if characters[index] == "]", index > 0, characters[index - 1] == "\\" { continue }
            if characters[index] == "[", let next = nextBracket, next.character == "]" {
                opens[index] = destinationIsPlain(characters, after: next.index)
            }
            nextBracket = (characters[index], index)
        }
        return opens
    }

    /// Whether the text after a link text's `]` is no destination, or a destination closed before any `[`. Ink
    /// balances parentheses in a destination, so the `)` that closes it is the one that balances its `(`.
    private static func destinationIsPlain(_ characters: [Character], after end: Int) -> Bool {
        guard end + 1 < characters.count, characters[end + 1] == "(" else { return true }
        var depth = 1
        for character in characters[(end + 2)...] {
            switch character {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return true }
            case "[": return false
            default: break
            }
        }
        return false
    }
}
