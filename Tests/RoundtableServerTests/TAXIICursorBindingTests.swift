import HTTPTypes
import HummingbirdTesting
import RoundtableDomain
import Testing

/// A `next` token is bound to its query: the collection, the endpoint and every filter, told apart whatever their
/// values hold (``PageCursor/query(collection:endpoint:filters:)``, checked by FuzzPageCursor, docs/fuzzing.md).
@Suite("TAXII paging: a next token is bound to its query, whatever the filters hold")
struct TAXIICursorBindingTests {
    @Test("a token issued for two filters is refused for one filter whose value spells both: both queries were bound to the same text")
    func filterValueSpellingFilters() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let ids = (0..<2).map { _ in STIXText.newID() }
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, ids.map { STIXText.object(id: $0, markings: [TAXIITest.green]) }, as: "ee")
                let query = "collections/\(collection)/objects/?limit=1&match[id]=\(ids[0]),\(ids[1])&match[type]=indicator"
                let first = try await client.taxii(query, as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(first.ids == [ids[0]])
                let next = try #require(first.next)
                // One filter, match[id], whose value reads "<id>,<id>&match[type]=indicator" once decoded.
                let spelled = "collections/\(collection)/objects/?limit=1&match[id]=\(ids[0]),\(ids[1])%26match%5Btype%5D%3Dindicator"
                TAXIITest.expectError(try await client.taxii(spelled + "&next=\(next)", as: "ee"), .badRequest)
                let second = try await client.taxii(query + "&next=\(next)", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(second.ids == [ids[1]])
            }
        }
    }

    @Test("a filter's value is percent-decoded once: %2541 is the text %41, not A")
    func valuesDecodedOnce() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, [STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])], as: "ee")
                let once = try await client.taxii("collections/\(collection)/objects/?match[type]=indic%61tor", as: "ee")
                #expect(try once.taxiiDecode(TAXIIEnvelopeBody.self).ids.count == 1)
                // Decoded twice, indic%2561tor would read indicator too.
                let twice = try await client.taxii("collections/\(collection)/objects/?match[type]=indic%2561tor", as: "ee")
                #expect(twice.status == .ok)
                #expect(try twice.taxiiDecode(TAXIIEnvelopeBody.self).ids.isEmpty)
            }
        }
    }
}
