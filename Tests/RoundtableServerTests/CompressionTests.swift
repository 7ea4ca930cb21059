import AsyncHTTPClient
import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// An answer as a real client receives it: AsyncHTTPClient, with no decompression of its own (unlike
/// `HTTPClient.shared`, which asks for gzip and decompresses), against a node listening on a loopback port it bound
/// itself.
struct WireAnswer {
    /// One client for every test, never shut down.
    static let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(decompression: .disabled))

    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let body: [UInt8]

    subscript(_ name: String) -> String? { headers.first(name: name) }

    /// The body, gunzipped with compress-nio.
    func gunzipped() throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: body)
        return Array(buffer: try buffer.decompress(with: .gzip()))
    }

    static func fetch(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> WireAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(30))
        return WireAnswer(status: response.status, headers: response.headers, body: Array(buffer: try await response.body.collect(upTo: 64 << 20)))
    }
}

/// Text answers are gzip-compressed for a client that accepts gzip, byte for byte the same once decompressed; never
/// for one that does not, nor for binary tiles, small bodies or a HEAD's (absent) body.
@Suite("gzip compression over a real connection")
struct CompressionTests {
    /// Runs `body` against the node served live; passes its base URL.
    func live<Store: ForumStore>(_ node: ForumNode<Store>, _ body: @Sendable @escaping (String) async throws -> Void) async throws {
        try await withNode(node, configuration: TAXIITest.quiet, setup: .live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))")
        }
    }

    /// Fetches `url` without and with gzip; checks both encodings and returns the plain answer.
    @discardableResult
    static func expectGzipRoundTrip(_ url: String, headers: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> WireAnswer
    {
        let plain = try await WireAnswer.fetch(url, headers: headers)
        let gzip = try await WireAnswer.fetch(url, headers: headers + [("Accept-Encoding", "gzip, deflate, br")])
        #expect(plain.status == .ok && gzip.status == .ok, "\(url)", sourceLocation: sourceLocation)
        #expect(plain.body.count >= 1024, "\(url) is too small to be compressed", sourceLocation: sourceLocation)
        #expect(plain["Content-Encoding"] == nil, "\(url)", sourceLocation: sourceLocation)
        #expect(plain["Content-Length"] == String(plain.body.count), "\(url)", sourceLocation: sourceLocation)
        #expect(gzip["Content-Encoding"] == "gzip", "\(url)", sourceLocation: sourceLocation)
        #expect(gzip["Content-Length"] == nil, "\(url)", sourceLocation: sourceLocation)
        #expect(gzip["Content-Type"] == plain["Content-Type"], "\(url)", sourceLocation: sourceLocation)
        for answer in [plain, gzip] {
            #expect(answer["Vary"]?.contains("Accept-Encoding") == true, "\(url)", sourceLocation: sourceLocation)
        }
        #expect(gzip.body.count < plain.body.count, "\(url)", sourceLocation: sourceLocation)
        #expect(try gzip.gunzipped() == plain.body, "\(url)", sourceLocation: sourceLocation)
        let tag = try #require(plain["ETag"], sourceLocation: sourceLocation)
        #expect(gzip["ETag"] == String(tag.dropLast()) + "-gzip\"", "\(url)", sourceLocation: sourceLocation)
        return plain
    }

    /// A forum of twenty members, with forty acts published: lists and bundles over 1 KiB.
    static func largerNode() async throws -> ForumNode<InMemoryForumStore> {
        let forum = try TestForum(memberIDs: (1...20).map { "m\($0)" })
        let node = try await forum.open(on: InMemoryForumStore())
        for sequence in 1...40 {
            let token = try TestForum.token("t\(sequence)", sequence)
            _ = try await node.submit(try forum.credentialAct(by: "m1", seq: UInt64(sequence), [.addToken(token)]))
        }
        try await node.log.integrateAndPublish()
        return node
    }

    @Test("a JSON list, an entry bundle and a page decompress to the plain answer")
    func roundTrips() async throws {
        let node = try await Self.largerNode()
        try await live(node) { base in
            try await Self.expectGzipRoundTrip(base + "/api/v1/members")
            try await Self.expectGzipRoundTrip(base + "/log/tile/entries/000.p/41")
            try await Self.expectGzipRoundTrip(base + "/members")
        }
    }

    @Test("a TAXII envelope decompresses to the plain answer")
    func taxiiEnvelope() async throws {
        try await TAXIITestForum.withOpenForum { fixture, node in
            let collection = try await TAXIITest.define(node, alias: "shared", readers: .all, writers: .all)
            let auth = TAXIITest.basic("ee", TAXIITest.token("ee"))
            let objects = (0..<40).map { STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green], name: "indicator \($0)") }
            try await live(node) { base in
                let objectsURL = base + "\(TAXIITest.root)collections/\(collection)/objects/"
                #expect(try await NodeHTTPPost.taxii(objectsURL, STIXText.envelope(objects), auth) == .accepted)
                let envelope = try await Self.expectGzipRoundTrip(objectsURL, headers: [("Accept", TAXIITest.media), ("Authorization", auth)])
                #expect(envelope["Content-Type"] == TAXIITest.media)
                #expect(envelope["Cache-Control"] == "private, no-cache")
            }
            _ = fixture
        }
    }

    @Test(
        "no gzip unless the client accepts it",
        arguments: ["", "identity", "gzip;q=0", "gzip; q=0.000, identity", "*;q=0", "br", "gzip;q=0, *"])
    func notAsked(_ acceptEncoding: String) async throws {
        let node = try await Self.largerNode()
        try await live(node) { base in
            let headers = acceptEncoding.isEmpty ? [] : [("Accept-Encoding", acceptEncoding)]
            let answer = try await WireAnswer.fetch(base + "/api/v1/members", headers: headers)
            #expect(answer.status == .ok)
            #expect(answer.body.count >= 1024)
            #expect(answer["Content-Encoding"] == nil)
            #expect(answer["Vary"]?.contains("Accept-Encoding") == true)
            #expect((try? JSONSerialization.jsonObject(with: Data(answer.body))) != nil)
        }
    }

    @Test("hash tiles, small bodies and HEAD bodies are not compressed; HEAD says what GET would send; 304 for the gzip tag")
    func leftAlone() async throws {
        let node = try await Self.largerNode()
        let gzip = [("Accept-Encoding", "gzip")]
        try await live(node) { base in
            let tile = try await WireAnswer.fetch(base + "/log/tile/0/000.p/41", headers: gzip)
            #expect(tile.status == .ok && tile.body.count == 41 * 32)
            #expect(tile["Content-Encoding"] == nil)
            let checkpoint = try await WireAnswer.fetch(base + "/log/checkpoint", headers: gzip)
            #expect(checkpoint.status == .ok && checkpoint.body.count < 1024)
            #expect(checkpoint["Content-Encoding"] == nil)
            let get = try await WireAnswer.fetch(base + "/api/v1/members", headers: gzip)
            let head = try await WireAnswer.fetch(base + "/api/v1/members", method: .HEAD, headers: gzip)
            #expect(head.status == .ok && head.body.isEmpty)
            #expect(head["Content-Encoding"] == "gzip" && head["ETag"] == get["ETag"] && head["Vary"] == get["Vary"])
            let revalidated = try await WireAnswer.fetch(base + "/api/v1/members", headers: gzip + [("If-None-Match", get["ETag"] ?? "")])
            #expect(revalidated.status == .notModified && revalidated.body.isEmpty)
            #expect(revalidated["ETag"] == get["ETag"])
        }
    }
}

/// A TAXII envelope posted over a real connection.
enum NodeHTTPPost {
    static func taxii(_ url: String, _ envelope: String, _ authorization: String) async throws -> HTTPResponseStatus {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: TAXIITest.media)
        request.headers.add(name: "Accept", value: TAXIITest.media)
        request.headers.add(name: "Authorization", value: authorization)
        request.body = .bytes(ByteBuffer(string: envelope))
        return try await WireAnswer.client.execute(request, timeout: .seconds(30)).status
    }
}
