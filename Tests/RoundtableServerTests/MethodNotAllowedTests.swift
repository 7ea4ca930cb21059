import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// A known path asked with a method it does not answer is 405 with `Allow`, in the error format of its interface.
@Suite("405 Method Not Allowed")
struct MethodNotAllowedTests {
    let forum = try! TestForum()

    @Test(
        "under /api/ a wrong method is a JSON 405 method_not_allowed whose Allow lists the path's methods",
        arguments: [
            (HTTPRequest.Method.delete, "/api/v1/members/ee", "GET, HEAD, OPTIONS"), (.put, "/api/v1/forum", "GET, HEAD, OPTIONS"),
            (.get, "/api/v1/documents", "POST, OPTIONS"), (.head, "/api/v1/acts", "POST, OPTIONS"), (.post, "/api/v1/acts/0", "GET, HEAD, OPTIONS"),
            (.patch, "/api/v1/proposals/1", "GET, HEAD, OPTIONS"), (.get, "/api/v1/admin/collections", "POST"),
        ])
    func api(_ method: HTTPRequest.Method, _ uri: String, _ allow: String) async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node, configuration: .init(adminTokenDigest: Array(repeating: 7, count: 32))) { client in
            let response = try await client.execute(uri: uri, method: method)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            if method != .head {
                #expect(response.errorCode == "method_not_allowed")
                #expect(String(buffer: response.body).contains(allow))
            }
        }
    }

    @Test(
        "under /taxii2 a wrong method is a TAXII 405 error message with Allow",
        arguments: [
            (HTTPRequest.Method.post, "/taxii2/", "GET, HEAD"), (.options, "/taxii2/forum/", "GET, HEAD"),
            (.put, "/taxii2/forum/collections/c/objects/", "GET, HEAD, POST"), (.post, "/taxii2/forum/collections/c/objects/o/", "GET, HEAD, DELETE"),
        ])
    func taxii(_ method: HTTPRequest.Method, _ uri: String, _ allow: String) async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let response = try await client.execute(uri: uri, method: method)
            TAXIITest.expectError(response, .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
        }
    }

    @Test("a page or the log asked with a wrong method is a plain-text 405 with Allow", arguments: [
        ("/members", "GET, HEAD"), ("/", "GET, HEAD"), ("/log/checkpoint", "GET, HEAD, OPTIONS"), ("/log/tile/0/000", "GET, HEAD, OPTIONS"),
    ])
    func elsewhere(_ uri: String, _ allow: String) async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let response = try await client.execute(uri: uri, method: .post)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(String(buffer: response.body).contains(allow))
        }
    }

    @Test("an unknown path stays 404 whatever the method, and a path's own methods still answer")
    func unknownPathsAndKnownMethods() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let unknown = try await client.execute(uri: "/api/v1/nothing", method: .delete)
            #expect(unknown.errorCode == "not_found")
            #expect(try await client.execute(uri: "/taxii2/forum/nothing/", method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/forum", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/forum", method: .head).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/forum", method: .options).status == .noContent)
        }
    }
}
