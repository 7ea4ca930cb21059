import Foundation
import Ink

/// Renders what members write in Markdown (proposal texts) as HTML for the pages.
///
/// Members' texts are data, never markup: raw HTML in them is shown as text, links keep only `https`, `http` and
/// `mailto` targets and paths on this site, and an image is shown as a link to it (a page loads nothing a member
/// chose). Headings move down below the page's own, without skipping a level. Everything else is Ink's
/// CommonMark-like rendering.
public enum MarkdownRenderer {
    /// The HTML of a Markdown text.
    /// - Parameters:
    ///   - markdown: The text.
    ///   - headingsBelow: The level of the page heading the text sits under. The text's heading levels, in order,
    ///     become the levels after it (at most `h6`): `#` and `###` under an `h2` become `h3` and `h4`.
    public static func html(_ markdown: String, headingsBelow level: Int = 2) -> String {
        let seen = HeadingLevels()
        _ = MarkdownParser(modifiers: [Modifier(target: .headings) { html, _ in seen.note(html) }]).html(from: markdown)
        let levels = Dictionary(uniqueKeysWithValues: seen.levels.sorted().enumerated().map { ($1, min(level + 1 + $0, 6)) })
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .headings) { html, _ in renumbered(html, levels) },
            Modifier(target: .html) { _, markdown in HTMLText.escaped(markdown) },
            Modifier(target: .links) { html, markdown in
                guard let url = attribute("href", in: html), isSafe(url) else { return HTMLText.escaped(markdown) }
                return html
            },
            Modifier(target: .images) { html, markdown in
                guard let url = attribute("src", in: html), isSafe(url) else { return HTMLText.escaped(markdown) }
                return "<a href=\"\(url)\">\(url)</a>"
            },
        ])
        return parser.html(from: markdown)
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
    /// is followed by the end of the attribute.
    private static func attribute(_ name: String, in html: String) -> Substring? {
        guard let start = html.range(of: " \(name)=\"")?.upperBound, let end = html[start...].firstIndex(of: "\"") else { return nil }
        let value = html[start..<end]
        guard !value.contains(where: { $0 == "<" || $0 == ">" }) else { return nil }
        let rest = html[html.index(after: end)...]
        guard rest.hasPrefix(">") || rest.hasPrefix("/>") || rest.hasPrefix(" alt=\"") else { return nil }
        return value
    }

    /// Whether a link target may be followed: an absolute `https`, `http` or `mailto` URL, a fragment, or a path on
    /// this site (not `//host`); no spaces, backslashes or control characters.
    private static func isSafe(_ url: Substring) -> Bool {
        guard !url.isEmpty, !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\\" || $0.value == 0x7F }) else { return false }
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") { return true }
        return (url.hasPrefix("/") && !url.hasPrefix("//")) || url.hasPrefix("#")
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
