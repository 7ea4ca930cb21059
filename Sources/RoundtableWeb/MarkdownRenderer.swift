import Foundation
import Ink

/// Renders what members write in Markdown (proposal texts) as HTML for the pages.
///
/// Members' texts are data, never markup: raw HTML and character references in them are shown as text, as typed
/// (``MarkdownStandIns`` hides from Ink what it would copy unescaped); links keep only `https`, `http` and `mailto`
/// targets and paths on this site, and an image is shown as a link to it (a page loads nothing a member chose).
/// Headings move down below the page's own, without skipping a level. Everything else is Ink's CommonMark-like
/// rendering.
public enum MarkdownRenderer {
    /// The HTML of a Markdown text.
    /// - Parameters:
    ///   - markdown: The text.
    ///   - headingsBelow: The level of the page heading the text sits under. The text's heading levels, in order,
    ///     become the levels after it (at most `h6`): `#` and `###` under an `h2` become `h3` and `h4`.
    public static func html(_ markdown: String, headingsBelow level: Int = 2) -> String {
        let markdown = MarkdownStandIns.hiding(in: markdown)
        let seen = HeadingLevels()
        _ = MarkdownParser(modifiers: [Modifier(target: .headings) { html, _ in seen.note(html) }]).html(from: markdown)
        let levels = Dictionary(uniqueKeysWithValues: seen.levels.sorted().enumerated().map { ($1, min(level + 1 + $0, 6)) })
        return MarkdownStandIns.revealing(in: rendered(markdown, levels: levels))
    }

    /// Ink's HTML of a text (``MarkdownStandIns/hiding(in:)``'s), with this renderer's modifiers.
    private static func rendered(_ markdown: String, levels: [Int: Int]) -> String {
        MarkdownParser(modifiers: [
            Modifier(target: .headings) { html, markdown in heading(html, markdown, levels: levels) },
            Modifier(target: .html) { _, markdown in HTMLText.escaped(markdown) },
            Modifier(target: .codeBlocks) { html, markdown in withoutLanguage(html, markdown) },
            Modifier(target: .links) { html, markdown in
                guard let url = attribute("href", in: html), isSafe(url) else { return HTMLText.escaped(markdown) }
                return html
            },
            Modifier(target: .images) { html, markdown in
                guard let url = attribute("src", in: html), isSafe(url) else { return HTMLText.escaped(markdown) }
                return "<a href=\"\(url)\">\(url)</a>"
            },
        ]).html(from: markdown)
    }

    /// A heading as Ink wrote it, at its level on the page. Ink strips the `#`s that end a heading's text and one
    /// character more (the `>` of a tag, the `;` of a reference), so a heading whose text ends with `#` (however Ink
    /// ran it on over lines) is rendered again with that `#` hidden, and its closing `#`s, after a space, stripped
    /// whole.
    private static func heading(_ html: String, _ markdown: Substring, levels: [Int: Int]) -> String {
        if let hidden = MarkdownStandIns.hidingLastHash(in: markdown) {
            let again = rendered(hidden, levels: levels)
            if again.hasPrefix("<h") { return again }
        }
        return renumbered(MarkdownStandIns.withoutClosingSequence(html), levels)
    }

    /// A code block as Ink wrote it, without the `class` attribute Ink fills, unescaped, with the text after the opening
    /// backticks; the block's Markdown shown as code if Ink wrote anything else.
    private static func withoutLanguage(_ html: String, _ markdown: Substring) -> String {
        var language = markdown.drop { $0 == "`" }.drop { $0.isWhitespace && !$0.isNewline }.prefix { !$0.isNewline }
        while language.last?.isWhitespace == true { language = language.dropLast() }
        let opening = language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(language)\">"
        guard html.utf8.starts(with: opening.utf8) else { return "<pre><code>\(HTMLText.escaped(markdown))</code></pre>" }
        return "<pre><code>" + String(decoding: html.utf8.dropFirst(opening.utf8.count), as: UTF8.self)
    }

    /// The level of a heading Ink wrote (`<h1>…</h1>`), if it is one.
    fileprivate static func level(of html: String) -> Int? {
        let bytes = html.utf8
        guard bytes.count >= 9, html.hasPrefix("<h"), html.hasSuffix(">") else { return nil }
        let digit = bytes[bytes.index(bytes.startIndex, offsetBy: 2)]
        guard (0x31...0x36).contains(digit), bytes[bytes.index(bytes.endIndex, offsetBy: -2)] == digit else { return nil }
        return Int(digit - 0x30)
    }

    /// A heading Ink wrote at the level `levels` gives its own.
    private static func renumbered(_ html: String, _ levels: [Int: Int]) -> String {
        guard let from = level(of: html), let to = levels[from] else { return html }
        return "<h\(to)\(html.dropFirst(3).dropLast(5))</h\(to)>"
    }

    /// The value of the first `name="…"` attribute of an element Ink wrote, when it holds no quote or angle bracket and
    /// is followed by the end of the attribute. Read by bytes, as a browser reads it: a `"` that a combining mark
    /// follows (one character to Swift) still ends the value.
    private static func attribute(_ name: String, in html: String) -> Substring? {
        let bytes = Array(html.utf8)
        let key = Array(" \(name)=\"".utf8)
        guard let found = bytes.indices.first(where: { bytes[$0...].starts(with: key) }),
            let end = bytes[(found + key.count)...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        let value = bytes[(found + key.count)..<end]
        guard !value.contains(UInt8(ascii: "<")), !value.contains(UInt8(ascii: ">")) else { return nil }
        let rest = bytes[(end + 1)...]
        guard rest.starts(with: ">".utf8) || rest.starts(with: "/>".utf8) || rest.starts(with: " alt=\"".utf8) else { return nil }
        return Substring(String(decoding: value, as: UTF8.self))
    }

    /// Whether a link target may be followed: an absolute `https`, `http` or `mailto` URL, a fragment, or a path on
    /// this site (not `//host`); no spaces, backslashes or control characters.
    private static func isSafe(_ url: Substring) -> Bool {
        guard !url.isEmpty, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\\" || $0.value == 0x7F }) else { return false }
        let lowered = url.lowercased().utf8
        if lowered.starts(with: "https://".utf8) || lowered.starts(with: "http://".utf8) || lowered.starts(with: "mailto:".utf8) { return true }
        // By bytes: `/` and a combining mark is one character to Swift, and `//host` to a browser.
        let bytes = Array(url.utf8)
        return (bytes[0] == UInt8(ascii: "/") && bytes.dropFirst().first != UInt8(ascii: "/")) || bytes[0] == UInt8(ascii: "#")
    }
}

/// The heading levels a first rendering met.
private final class HeadingLevels {
    private(set) var levels = Set<Int>()

    /// Notes a heading's level and gives it back unchanged.
    func note(_ html: String) -> String {
        if let level = MarkdownRenderer.level(of: html) { levels.insert(level) }
        return html
    }
}
