import Testing

@testable import RoundtableWeb

@Suite("HTML escaping of member text")
struct HTMLTextTests {
    @Test("a quote, angle bracket or ampersand followed by a combining mark is escaped: to a browser it is still one")
    func combiningMarks() {
        #expect(HTMLText.escaped("a\"\u{301} onclick=x b<\u{301}i>&\u{301}") == "a&quot;\u{301} onclick=x b&lt;\u{301}i&gt;&amp;\u{301}")
        #expect(HTMLText.escaped("plain") == "plain")
        #expect(HTMLText.escaped("<'&\">") == "&lt;&#39;&amp;&quot;&gt;")
    }
}
