import RoundtableExchange
import Testing

/// TAXII paging cursors, with the inputs FuzzPageCursor found (docs/fuzzing.md).
@Suite("Paging cursors")
struct PageCursorTests {
    let cursor = PageCursor(secret: Array(0..<32))

    @Test("a token is accepted in the one spelling the node writes: the same token with + for - was accepted too (FuzzPageCursor)")
    func oneSpelling() {
        // The query of the fuzz input, as the target built it: invalid UTF-8 read as U+FFFD.
        let query = PageCursor.query(
            collection: String(repeating: "\u{FFFD}", count: 60), endpoint: String(repeating: "\u{FFFD}", count: 33) + "$1f0c2b9e-6a43-9a8e-9d55-0e",
            filters: [])
        let token = cursor.token(after: 6_703_152_341_875_867_184, query: query)
        #expect(token == "XQZhikTWvjA-lxI5UFYzvEtwHyha-yfQ")
        #expect(cursor.position(token, query: query) == 6_703_152_341_875_867_184)
        for spelling in [
            "XQZhikTWvjA+lxI5UFYzvEtwHyha-yfQ", "XQZhikTWvjA+lxI5UFYzvEtwHyha+yfQ", "XQZhikTWvjA-lxI5UFYzvEtwHyha-yfQ=",
            "XQZhikTWvjA-lxI5UFYzvEtwHyha-yfQ====",
        ] {
            #expect(cursor.position(spelling, query: query) == nil, "\(spelling)")
        }
    }

    @Test("a query's text tells its parts apart: a filter value holding & and = is not two filters, an object id holding a filter is not that filter")
    func queryParts() {
        let two = PageCursor.query(collection: "c", endpoint: "objects", filters: [("match[id]", "b"), ("match[type]", "a")])
        let one = PageCursor.query(collection: "c", endpoint: "objects", filters: [("match[id]", "b&match[type]=a")])
        #expect(two != one)
        #expect(cursor.position(cursor.token(after: 5, query: two), query: one) == nil)
        let filtered = PageCursor.query(collection: "c", endpoint: "object x", filters: [("match[spec_version]", "2.1 match[version]=all")])
        let named = PageCursor.query(collection: "c", endpoint: "object x match[spec_version]=2.1", filters: [("match[version]", "all")])
        #expect(filtered != named)
        let collection = PageCursor.query(collection: "c d", endpoint: "objects", filters: [])
        #expect(collection != PageCursor.query(collection: "c", endpoint: "d objects", filters: []))
    }

    @Test("a query's text does not depend on the order of its filters")
    func filterOrder() {
        let filters = [("limit", "5"), ("match[type]", "indicator"), ("added_after", "2026-11-29T10:00:00.000000Z")]
        let text = PageCursor.query(collection: "c", endpoint: "manifest", filters: filters)
        #expect(PageCursor.query(collection: "c", endpoint: "manifest", filters: filters.reversed()) == text)
        #expect(cursor.position(cursor.token(after: -1, query: text), query: text) == -1)
    }
}
