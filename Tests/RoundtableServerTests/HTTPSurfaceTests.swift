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

    @Test("an unknown route under /api/ is a JSON 404 not_found, under /taxii2 a TAXII 404; pages keep their HTML 404")
    func unknownRoutes() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/nothing"), (.delete, "/api/v1/members/ee/keys"), (.put, "/api/v1/forums")] {
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

    @Test("public reads carry CORS and answer a preflight; nothing that needs credentials does")
    func cors() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        _ = try await node.publishLog()
        try await withNode(node) { client in
            let origin: HTTPFields = [.origin: "https://verifier.example"]
            var preflight = origin
            preflight[.accessControlRequestMethod] = "GET"
            preflight[.accessControlRequestHeaders] = "if-none-match"
            for uri in ["/log/checkpoint", "/api/v1/acts/0/receipt", "/api/v1/members/ee", "/api/v1/openapi.json"] {
                let answer = try await client.execute(uri: uri, method: .options, headers: preflight)
                #expect(answer.status == .noContent, "\(uri)")
                #expect(answer.headers[.accessControlAllowOrigin] == "*", "\(uri)")
                #expect(answer.headers[.accessControlAllowMethods] == "GET, HEAD", "\(uri)")
                #expect(answer.headers[.accessControlAllowHeaders] == "if-none-match", "\(uri)")
            }
            for uri in ["/log/checkpoint", "/api/v1/forum", "/api/v1/acts/0", "/api/v1/members/zz", "/api/v1/proposals", "/api/v1/rules"] {
                let answer = try await client.execute(uri: uri, method: .get, headers: origin)
                #expect(answer.headers[.accessControlAllowOrigin] == "*", "\(uri) answered \(answer.status)")
            }
            // Credentials or writes: no CORS, and no preflight.
            for (method, uri) in [
                (HTTPRequest.Method.get, "/taxii2/"), (.post, "/api/v1/documents"), (.post, "/api/v1/acts"), (.options, "/api/v1/admin/collections"),
                (.get, "/api/v1/exchange/c/indicator--00000000-0000-4000-8000-000000000000/receipt"), (.options, "/taxii2/forum/"),
            ] {
                let answer = try await client.execute(uri: uri, method: method, headers: origin)
                #expect(answer.headers[.accessControlAllowOrigin] == nil, "\(method) \(uri)")
                #expect(answer.status != .noContent, "\(method) \(uri)")
            }
        }
    }
}
