import RoundtableTestSupport
import RoundtableWeb
import Testing

/// The texts FuzzMarkdown found (docs/fuzzing.md), byte for byte, each with a shorter one showing the same thing: Ink
/// copied markup through, cut tags, took exponential time or crashed the process, where a member's proposal text is
/// rendered.
@Suite("Markdown: texts the fuzzer found")
struct MarkdownFuzzFindingTests {
    @Test("an `&…;` run without a space is text: Ink copied it as it was, markup included")
    func ampersandRuns() {
        let found = "[c|a]j(cikv\"\u{1}\0\0\0\0\0\0\u{17}\0\0\0i66666666666666666666666\0\0\0\0\0\0\0"
            + "p6666666666666&66666666666666666666666666&sol;6666666pt:aler2))"
        #expect(
            MarkdownRenderer.html(found) == "<p>[c|a]j(cikv\"\u{1}\0\0\0\0\0\0\u{17}\0\0\0i66666666666666666666666\0\0\0\0\0\0\0"
                + "p6666666666666&amp;66666666666666666666666666&amp;sol;6666666pt:aler2))</p>")
        #expect(MarkdownRenderer.html("x &<img/src=x/onerror=alert(1)>; y") == "<p>x &amp;&lt;img/src=x/onerror=alert(1)&gt;; y</p>")
        #expect(
            MarkdownRenderer.html("&copy; [q](https://a.example/?a=1&b=2) and [p](/&#x2f;evil.example)")
                == "<p>&amp;copy; <a href=\"https://a.example/?a=1&amp;b=2\">q</a> and <a href=\"/&amp;#x2f;evil.example\">p</a></p>")
    }

    @Test("a code block's first line is not written into a class attribute: Ink wrote it there unescaped")
    func codeBlockLanguage() {
        let found = "[click\"\0\0\0](javisc 6 & \"quot\0e\0\0\0\0\0s\0\" >\0f3333fir3333333333333333 t\u{4}\0h& euRp \n``oi\nlc`swift\n"
            + "let a 0 =& &wo\n\n1. first\n2. second\n\n`code < 1`\n\n> quoted\n\n---\n\n"
            + "```swif \0\0\0\0\0\0\0\0\0\05 < 6 & \"quot\0e\0\0\0\0\0s\0\" > 4"
        #expect(
            MarkdownRenderer.html(found) == "<p>[click\"\0\0\0](javisc 6 &amp; \"quot\0e\0\0\0\0\0s\0\" &gt;\0f3333fir3333333333333333 "
                + "t\u{4}\0h&amp; euRp</p><p><code></code>oi lc`swift let a 0 =&amp; &amp;wo</p><ol><li>first</li><li>second</li></ol>"
                + "<p><code>code &lt; 1</code></p><blockquote><p>quoted</p></blockquote><hr><pre><code>\n</code></pre>")
        #expect(MarkdownRenderer.html("```\"><script>alert(1)</script>\ncode & <b>\n```\n") == "<pre><code>code &amp; &lt;b&gt;\n</code></pre>")
        #expect(MarkdownRenderer.html("```swift\nlet a = 1\n```\n") == "<pre><code>let a = 1\n</code></pre>")
    }

    @Test("a < that ends a line is escaped: Ink copied it")
    func lessThanAtTheEnd() {
        #expect(MarkdownRenderer.html("# Points of c[\nonta<") == "<h3>Points of c[</h3><p>onta&lt;</p>")
        #expect(MarkdownRenderer.html("end <") == "<p>end &lt;</p>")
    }

    @Test("a heading's trailing # is kept or stripped whole: Ink stripped one character more, cutting a reference or a tag")
    func headingTrailingHashes() {
        #expect(MarkdownRenderer.html("# <p># ") == "<h3>&lt;p&gt;#</h3>")
        #expect(MarkdownRenderer.html("# a *b*#") == "<h3>a <em>b</em>#</h3>")
        #expect(MarkdownRenderer.html("## Title ##\n\n# C#\n\n# `x` #") == "<h4>Title</h4><h3>C#</h3><h3><code>x</code></h3>")
        // A heading continued with a line break onto a line of its own `#`: Ink cut the break's `>`.
        let found = "# Noy#\n# No/\\\n# \n\0\u{2}oul~d\n\n- on seN+[[javau[[["
        #expect(
            MarkdownRenderer.html(found) == "<h3>Noy#</h3><h3>No/<br>#</h3><p>\0\u{2}oul~d</p><ul><li>on seN+[[javau[[[</li></ul>")
        #expect(MarkdownRenderer.html("# *a*\\\n# \n") == "<h3><em>a</em><br>#</h3>")
        // The same over form feeds after two spaces.
        let formFeeds = "# <#A[0--|-;::|'   " + String(repeating: "\u{C}", count: 4) + ";::|'   " + String(repeating: "\u{C}", count: 24) + "#"
            + String(repeating: "\u{C}", count: 4)
        #expect(
            MarkdownRenderer.html(formFeeds) == "<h3>&lt;#A[0--|-;::|'" + String(repeating: "<br>", count: 4) + ";::|'"
                + String(repeating: "<br>", count: 24) + "#</h3>")
        #expect(MarkdownRenderer.html("# #") == "<h3></h3>")
    }

    @Test("brackets that open no link take linear time: Ink tried each as a link inside the one before", .hangGuard)
    func manyBrackets() {
        let found = "# N\nStates *should* not **attack**.\n\n- one\n- " + String(repeating: "[", count: 96) + "tw``swift\nlet a = 1 && 2\n``ne\n"
            + "- toted\n\n-d\n\n---\n\"```swift\nlet a =rage](/t)d\n\n---\n\n`"
        let html = MarkdownRenderer.html(found)
        #expect(html.hasPrefix("<h3>N</h3><p>States <em>should</em> not <strong>attack</strong>.</p><ul><li>one</li><li>[[[["))
        #expect(MarkdownRenderer.html("- " + String(repeating: "[", count: 40)) == "<ul><li>" + String(repeating: "[", count: 40) + "</li></ul>")
        #expect(MarkdownRenderer.html("[a [b](/c) d](/e)") == "<p>[a <a href=\"/c\">b</a> d](/e)</p>")
        // `\]` does not end a link's text for Ink: the brackets after it were tried inside each other.
        let escaped = "# **ary.\n meetol![map\\]![map\\](https://.&xamplgol![map\\]ol![map\\]![map\\](https://.&xamplgol![map\\]"
            + "![map\\](https://.&xamplg)\0o_4plhtgol![map\\]not **atta![map\\](https://.&xamplg)\0o_4plhtgol![map\\]not **attatps:l; "
            + "~~**ar****(**<*y.\n"
        #expect(MarkdownRenderer.html(escaped).hasPrefix("<h3>**ary.</h3><p>meetol![map]![map](https://.&amp;xamplgol![map]ol![map]"))
    }

    @Test("a link's address is read by bytes: a quote or slash with a combining mark was one character to the check, not to a browser")
    func combiningMarksInLinks() {
        // The texts are not literals in #expect, whose expansion writes a `"` with a combining mark back unescaped.
        let found = "[ref][x]\n\n[x]: #t\u{35C}le\"\u{35C}'Arr)\u{75B}arter"
        #expect(MarkdownRenderer.html(found) == "<p>[ref][x]</p>")
        let onclick = "[z](#a\"\u{35C}/onclick=alert(1)//)"
        let onclickWritten = "<p>[z](#a&quot;\u{35C}/onclick=alert(1)//)</p>"
        #expect(MarkdownRenderer.html(onclick) == onclickWritten, "the quote ended the href and onclick followed")
        let slashes = "[x](//\u{301}evil.example) [y](/\u{301}a)"
        let written = "<p>[x](//\u{301}evil.example) <a href=\"/\u{301}a\">y</a></p>"
        #expect(MarkdownRenderer.html(slashes) == written)
    }

    @Test("a text starting with an unclosed --- block renders: Ink read it as metadata and crashed")
    func leadingRule() {
        let found = "[ref######]: t;h xtps://un.example/chaoingl*y support \n---\nactivity th[\naicaj(lk**.\n\n"
        #expect(MarkdownRenderer.html(found) == "<hr><p>activity th[ aicaj(lk**.</p>")
        #expect(MarkdownRenderer.html("---\nx\n") == "<hr><p>x</p>")
        #expect(MarkdownRenderer.html("---\ntitle: hidden\n---\n\ntext") == "<hr><p>title: hidden</p><hr><p>text</p>")
    }

    @Test("a list followed by an indented end of text renders: Ink read past the end and crashed")
    func listAtTheEnd() {
        let found = "sho> eN\n\n\n\n\n\n\n\n\n\nmn\nS~~ Next ple\u{2}\n" + String(repeating: "\n", count: 23) + "u# N NooGm.\n\n- one\n-rm\n "
        #expect(MarkdownRenderer.html(found) == "<p>sho&gt; eN</p><p>mn S~~ Next ple\u{2}</p><p>u# N NooGm.</p><ul><li>one -rm<ul></ul></li></ul>")
        #expect(MarkdownRenderer.html("- a\n ") == "<ul><li>a<ul></ul></li></ul>")
    }

    @Test("a link or image whose destination holds a `[` is text: Ink tried each such `[` inside the one before, in exponential time")
    func bracketsInDestinations() {
        // Found by the ten-minute run: ten `[![…](…` groups whose destinations run on into the next group.
        let found: [UInt8] = [
            35, 32, 78, 112, 46, 40, 115, 32, 42, 115, 104, 111, 101, 108, 10, 35, 35, 35, 32, 32, 10, 10, 124, 50, 99, 35, 17, 126, 126,
            126, 126, 116, 111, 114, 115, 32, 91, 33, 91, 109, 96, 110, 103, 97, 50, 99, 68, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41,
            97, 112, 93, 40, 104, 116, 116, 96, 0, 114, 114, 32, 91, 33, 91, 109, 96, 110, 103, 97, 50, 99, 41, 97, 112, 93, 40, 104, 116,
            116, 96, 0, 114, 114, 32, 91, 33, 91, 109, 96, 110, 103, 97, 50, 99, 68, 105, 99, 97, 101, 114, 116, 40, 41, 97, 49, 41, 97,
            112, 93, 40, 104, 116, 116, 96, 0, 114, 114, 32, 91, 33, 91, 109, 96, 110, 103, 97, 50, 99, 41, 97, 112, 93, 40, 104, 116, 116,
            96, 0, 114, 114, 32, 91, 33, 91, 109, 96, 110, 103, 97, 50, 112, 93, 40, 104, 116, 116, 96, 0, 114, 114, 32, 91, 33, 91, 109,
            96, 110, 103, 97, 50, 99, 68, 105, 99, 97, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 116, 116, 96, 0, 114, 114, 32, 91,
            33, 91, 109, 96, 110, 103, 97, 50, 99, 41, 97, 112, 93, 40, 104, 116, 116, 96, 0, 114, 114, 32, 91, 33, 91, 109, 96, 110, 83,
            116, 114, 105, 110, 103, 103, 97, 50, 99, 68, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 116, 116, 96,
            115, 59, 47, 44, 92, 109, 97, 105, 108, 62, 10, 99, 68, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 116,
            116, 96, 115, 59, 47, 44, 92, 109, 97, 105, 108, 0, 0, 0, 0, 0, 62, 1, 3, 41, 42, 42, 42, 42, 42, 42, 42, 42, 126, 126, 126,
            126, 126, 126, 17, 17, 17, 10, 42, 42, 42,
        ]
        let html = MarkdownRenderer.html(String(decoding: found, as: UTF8.self))
        #expect(!html.contains("<img") && !html.contains("<a "))
        let repeated = MarkdownRenderer.html(String(repeating: "[![m`nga2c)ap](htt` rr ", count: 200))
        #expect(!repeated.contains("<img") && !repeated.contains("<a "))
        // Found by the next ten-minute run: the same, with `(…)` inside the destinations, which Ink balances.
        let balanced: [UInt8] = [
            35, 32, 83, 38, 97, 109, 112, 59, 99, 110, 105, 100, 97, 105, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 103, 53, 52,
            99, 114, 112, 105, 68, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 84, 116, 73, 110, 116, 99, 114, 112,
            105, 68, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 84, 116, 96, 115, 59, 47, 47, 109, 97, 112, 111,
            33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104,
            108, 101, 114, 116, 40, 49, 41, 92, 112, 93, 40, 104, 49, 46, 32, 116, 116, 96, 115, 59, 35, 32, 83, 38, 97, 109, 112, 59, 105,
            110, 19, 105, 99, 97, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99, 50, 41,
            97, 112, 93, 40, 104, 116, 116, 96, 115, 59, 126, 126, 109, 97, 112, 115, 46, 47, 47, 109, 97, 112, 115, 46, 41, 109, 97, 105,
            108, 0, 0, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99, 97, 108, 101, 114,
            116, 40, 49, 41, 97, 112, 93, 40, 104, 116, 116, 97, 108, 101, 114, 116, 40, 49, 0, 41, 97, 112, 93, 40, 104, 116, 116, 96,
            115, 59, 126, 126, 109, 97, 112, 115, 46, 47, 47, 109, 97, 112, 115, 46, 41, 109, 97, 105, 108, 0, 0, 0, 0, 0, 0, 1, 3, 105,
            110, 19, 105, 99, 97, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99, 97, 108,
            101, 114, 116, 40, 48, 41, 97, 112, 93, 40, 104, 116, 116, 96, 115, 59, 126, 126, 109, 97, 112, 115, 46, 47, 58, 47, 109, 97,
            112, 115, 46, 41, 109, 97, 105, 108, 0, 0, 0, 0, 0, 0, 1, 3, 41, 42, 41, 42, 42, 42, 42, 42, 35, 32, 42, 42, 42, 64, 42, 42,
            42, 35, 32, 35, 35, 35, 35, 91, 97, 42, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42, 42, 91, 110, 32, 42, 38, 42, 115, 59, 47, 47,
            109, 97, 112, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99, 97, 108, 101, 114, 116, 40, 49, 41, 97,
            112, 93, 40, 104, 108, 101, 114, 116, 40, 49, 41, 92, 112, 93, 40, 104, 49, 46, 32, 116, 116, 96, 115, 59, 35, 32, 83, 38, 97,
            109, 112, 59, 105, 110, 19, 105, 99, 97, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110,
            105, 99, 50, 41, 97, 112, 93, 40, 104, 116, 116, 96, 115, 59, 126, 126, 109, 97, 112, 115, 46, 47, 47, 109, 97, 112, 115, 46,
            41, 109, 97, 105, 108, 0, 0, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110, 105, 99,
            97, 108, 101, 114, 116, 40, 49, 41, 97, 112, 93, 40, 104, 116, 116, 97, 108, 101, 114, 116, 40, 49, 0, 41, 97, 112, 93, 40,
            104, 116, 116, 96, 115, 59, 126, 126, 109, 97, 112, 115, 46, 47, 47, 109, 97, 112, 115, 46, 41, 109, 97, 105, 108, 0, 0, 0, 0,
            0, 0, 1, 3, 105, 110, 19, 105, 99, 97, 116, 111, 114, 115, 32, 111, 33, 91, 109, 96, 110, 68, 101, 99, 111, 100, 97, 98, 110,
            105, 99, 97, 108, 101, 114, 116, 40, 48, 41, 97, 112, 93, 40, 104, 116, 116, 96, 115, 59, 126, 126, 109, 97, 112, 115, 46, 47,
            47, 109, 97, 112, 115, 46, 41, 109, 97, 105, 108, 0, 0, 0, 0, 0, 0, 1, 3, 41, 42, 41, 42, 42, 42, 42, 42, 35, 32, 42, 42, 42,
            64, 42, 42, 42, 35, 32, 35, 35, 35, 35, 91, 97, 42, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 42, 42, 91, 110, 32, 42, 38, 42, 101, 42,
            112, 93, 114, 42, 40,
        ]
        #expect(!MarkdownRenderer.html(String(decoding: balanced, as: UTF8.self)).contains("<a "))
        #expect(MarkdownRenderer.html("[a](https://a.example/x_(y)) b") == "<p><a href=\"https://a.example/x_(y)\">a</a> b</p>")
        #expect(
            MarkdownRenderer.html("[a](https://a.example/) and ![b](/b.png) [c](d [e](/e)")
                == "<p><a href=\"https://a.example/\">a</a> and <a href=\"/b.png\">/b.png</a> [c](d <a href=\"/e\">e</a></p>")
    }
}
