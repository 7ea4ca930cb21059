import RoundtableWeb
import Testing

/// Members' Markdown on the pages: rendered, with everything that could act as markup or load something shown as text.
@Suite("Markdown of proposal texts")
struct MarkdownRendererTests {
    @Test("headings sit below the page's, paragraphs, lists, emphasis, code and safe links render")
    func renders() {
        let html = MarkdownRenderer.html(
            "# Norm\n\nStates *should* not **attack**.\n\n- one\n- two\n\n`code < 1`\n\n"
                + "[the charter](https://un.example/charter) and [a page](/proposals)\n",
            headingsBelow: 2)
        #expect(html.contains("<h3>Norm</h3>"))
        #expect(html.contains("<em>should</em>") && html.contains("<strong>attack</strong>"))
        #expect(html.contains("<li>one</li>") && html.contains("<li>two</li>"))
        #expect(html.contains("<code>code &lt; 1</code>"))
        #expect(html.contains("<a href=\"https://un.example/charter\">the charter</a>"))
        #expect(html.contains("<a href=\"/proposals\">a page</a>"))
        #expect(MarkdownRenderer.html("###### Deep", headingsBelow: 2).contains("<h3>Deep</h3>"), "the text's top level is the next")
        let outline = MarkdownRenderer.html("## Part\n\ntext\n\n#### Detail\n\n## Part two\n", headingsBelow: 2)
        #expect(outline.contains("<h3>Part</h3>") && outline.contains("<h4>Detail</h4>") && outline.contains("<h3>Part two</h3>"),
                "levels follow in order, none skipped")
        let deep = MarkdownRenderer.html((1...6).map { String(repeating: "#", count: $0) + " L\($0)" }.joined(separator: "\n\n"))
        #expect(deep.contains("<h3>L1</h3>") && deep.contains("<h6>L4</h6>") && deep.contains("<h6>L6</h6>"), "at most h6")
    }

    @Test("raw HTML, script links, quotes breaking out of attributes and images are shown as text", arguments: [
        "<script>alert(1)</script>",
        "Before <img src=x onerror=alert(1)> after",
        "<div onclick=\"alert(1)\">block</div>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](//evil.example/path)",
        "[click](https://a.example/\"onmouseover=\"alert(1))",
        "![pixel](https://tracker.example/p.gif\"onerror=\"alert(1))",
        "[ref][x]\n\n[x]: javascript:alert(1)",
    ])
    func neutralised(_ markdown: String) {
        let html = MarkdownRenderer.html(markdown)
        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("<img"), "\(html)")
        #expect(!html.contains("<div"), "\(html)")
        #expect(!html.lowercased().contains("href=\"javascript:"), "\(html)")
        #expect(!html.contains("href=\"data:"), "\(html)")
        #expect(!html.contains("href=\"//"), "\(html)")
        #expect(!html.contains("\"onmouseover=") && !html.contains("\"onerror="), "\(html)")
    }

    @Test("an image with a safe address becomes a link to it, loading nothing")
    func images() {
        let html = MarkdownRenderer.html("![map](https://maps.example/a.png)")
        #expect(html.contains("<a href=\"https://maps.example/a.png\">https://maps.example/a.png</a>"))
        #expect(!html.contains("<img"))
    }

    @Test("text that looks like markup stays text")
    func escapesText() {
        let html = MarkdownRenderer.html("5 < 6 & \"quotes\" > 4")
        #expect(html.contains("5 &lt; 6 &amp;"))
        #expect(!html.contains("< 6"))
    }
}
