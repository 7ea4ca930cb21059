import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// What programs and browsers expect of any address: an unknown route under `/api/` or `/taxii2` answers the error
/// body of its API, and HEAD answers wherever GET does.
@Suite("HTTP surface")
struct HTTPSurfaceTests {
    let forum = try! TestForum()

    @Test("an unknown route or method under /api/ is a JSON 404 not_found, under /taxii2 a TAXII 404; pages keep their HTML 404")
    func unknownRoutes() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/nothing"), (.delete, "/api/v1/members/ee"), (.put, "/api/v1/forum")] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(method) \(uri)")
                #expect(response.errorCode == "not_found", "\(method) \(uri)")
                #expect(String(buffer: response.body).contains("/api/v1/openapi.json"))
            }
            let taxii = try await client.execute(uri: "/taxii2/forum/nothing/", method: .get)
            #expect(taxii.status == .notFound)
            #expect(taxii.headers[.contentType] == "application/taxii+json;version=2.1")
            #expect(String(buffer: taxii.body).contains("\"http_status\":\"404\""))
            let page = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }

    @Test("HEAD answers like GET, with the same status and content type and no body", arguments: ["/", "/api/v1/forum", "/api/v1/acts/0", "/healthz"])
    func head(_ uri: String) async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let get = try await client.execute(uri: uri, method: .get)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(get.status == .ok)
            #expect(head.status == get.status)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.body.readableBytes == 0)
        }
    }
}
