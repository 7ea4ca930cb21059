import Mustache

/// How the templates escape `{{value}}`: by Unicode scalar (``HTMLText/escaped(_:)``), named `HTML_SCALARS` in the
/// pragma each template opens with (`{{% CONTENT_TYPE: HTML_SCALARS}}`).
///
/// Mustache's own HTML escaping compares characters, and a `"` followed by a combining mark is one character that is
/// not `"`: it went out unescaped and ended an attribute's value, `value="{{value}}"`, for the text after it to add
/// attributes of its own. To a browser it is still a quote.
struct ScalarHTMLContentType: MustacheContentType {
    /// The name the templates' pragma gives.
    static let name = "HTML_SCALARS"

    func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
}
