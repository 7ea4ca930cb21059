import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// Every cacheable GET carries a `Cache-Control` and an `ETag`; a request whose `If-None-Match` names the current tag
/// is answered 304 with no body; a tag changes when the content does; nothing read with credentials is `public`.
@Suite("Caching: policies, ETags and 304")
struct CachingTests {
    let forum = try! TestForum()

    /// A node with the genesis and `count` credential acts of ee, published.
    func makeNode(acts count: Int) async throws -> ForumNode<InMemoryForumStore> {
        let node = try await forum.open(on: InMemoryForumStore())
        for sequence in 1...max(count, 1) {
            let token = try TestForum.token("t\(sequence)", sequence)
            _ = try await node.submit(try forum.credentialAct(by: "ee", seq: UInt64(sequence), [.addToken(token)]))
        }
        try await node.log.integrateAndPublish()
        return node
    }

    /// GETs `uri` once, then again with `If-None-Match` naming its tag: expects a 304 with the same tag and policy.
    @discardableResult
    static func expectRevalidates(
        _ client: any TestClientProtocol, _ uri: String, policy: String, headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String? {
        let first = try await client.execute(uri: uri, method: .get, headers: headers)
        #expect(first.status == .ok, "\(uri)", sourceLocation: sourceLocation)
        #expect(first.headers[.cacheControl] == policy, "\(uri)", sourceLocation: sourceLocation)
        let tag = try #require(first.headers[.eTag], "\(uri) has no ETag", sourceLocation: sourceLocation)
        // A tag of the body, or for a tile or bundle, which never changes at its path, the log's key and the path.
        #expect(tag.wholeMatch(of: /"([0-9a-f]{32}|[0-9a-f]{8}:tile\/[0-9a-z.\/]+)"/) != nil, "\(uri): \(tag)", sourceLocation: sourceLocation)
        var conditional = headers
        conditional[.ifNoneMatch] = tag
        let second = try await client.execute(uri: uri, method: .get, headers: conditional)
        #expect(second.status == .notModified, "\(uri)", sourceLocation: sourceLocation)
        #expect(second.body.readableBytes == 0, "\(uri)", sourceLocation: sourceLocation)
        #expect(second.headers[.eTag] == tag, "\(uri)", sourceLocation: sourceLocation)
        #expect(second.headers[.cacheControl] == policy, "\(uri)", sourceLocation: sourceLocation)
        #expect(second.headers[.contentType] == nil, "\(uri)", sourceLocation: sourceLocation)
        return tag
    }

    @Test("the checkpoint is no-cache with an ETag: 304 while it holds, a new tag once a new act is published")
    func checkpoint() async throws {
        let node = try await makeNode(acts: 3)
        try await withNode(node, configuration: .init(checkpointInterval: nil)) { client in
            let tag = try await Self.expectRevalidates(client, "/log/checkpoint", policy: "no-cache")
            _ = try await node.submit(try forum.credentialAct(by: "fr", seq: 1, [.addToken(try TestForum.token("fr", 99))]))
            #expect(try await client.execute(uri: "/log/checkpoint", method: .get, headers: [.ifNoneMatch: tag!]).status == .notModified)
            try await node.log.integrateAndPublish()
            let changed = try await client.execute(uri: "/log/checkpoint", method: .get, headers: [.ifNoneMatch: tag!])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != nil && changed.headers[.eTag] != tag)
        }
    }

    @Test("full tiles and bundles are immutable, partial ones cached a minute; all answer 304")
    func tiles() async throws {
        let node = try await makeNode(acts: 300)
        try await withNode(node) { client in
            let immutable = "public, max-age=31536000, immutable"
            try await Self.expectRevalidates(client, "/log/tile/0/000", policy: immutable)
            try await Self.expectRevalidates(client, "/log/tile/entries/000", policy: immutable)
            try await Self.expectRevalidates(client, "/log/tile/0/001.p/45", policy: "public, max-age=60")
            try await Self.expectRevalidates(client, "/log/tile/entries/001.p/45", policy: "public, max-age=60")
            try await Self.expectRevalidates(client, "/log/vkey", policy: "public, max-age=86400")
            try await Self.expectRevalidates(client, "/api/v1/acts/1", policy: immutable)
            try await Self.expectRevalidates(client, "/api/v1/acts/1/receipt", policy: "no-cache")
        }
    }

    @Test("API lists and pages are no-cache with a tag of their body; weak, listed and * conditions match, others do not")
    func lists() async throws {
        let node = try await makeNode(acts: 1)
        try await withNode(node) { client in
            for uri in ["/api/v1/members", "/api/v1/members/ee", "/api/v1/proposals", "/api/v1/rules", "/api/v1/forum", "/members", "/"] {
                try await Self.expectRevalidates(client, uri, policy: "no-cache")
            }
            let tag = try #require(try await client.get("/api/v1/members").headers[.eTag])
            for condition in ["W/\(tag)", "\"0123\", \(tag)", "*"] {
                #expect(try await client.execute(uri: "/api/v1/members", method: .get, headers: [.ifNoneMatch: condition]).status == .notModified)
            }
            #expect(try await client.execute(uri: "/api/v1/members", method: .get, headers: [.ifNoneMatch: "\"0123\""]).status == .ok)
            _ = try await node.submit(try forum.credentialAct(by: "ke", seq: 1, [.addToken(try TestForum.token("ke", 98))]))
            let changed = try await client.execute(uri: "/api/v1/members", method: .get, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok && changed.headers[.eTag] != tag)
        }
    }

    @Test("HEAD carries the ETag and Cache-Control of the GET, and answers 304 too")
    func head() async throws {
        let node = try await makeNode(acts: 1)
        try await withNode(node) { client in
            for uri in ["/api/v1/members", "/log/checkpoint", "/api/v1/acts/0"] {
                let get = try await client.get(uri)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.headers[.eTag] == get.headers[.eTag])
                #expect(head.headers[.cacheControl] == get.headers[.cacheControl])
                let conditional = try await client.execute(uri: uri, method: .head, headers: [.ifNoneMatch: get.headers[.eTag] ?? ""])
                #expect(conditional.status == .notModified)
            }
        }
    }

    @Test("what is read with credentials is private: TAXII, and a public resource asked with Authorization; /healthz is no-store")
    func privateAnswers() async throws {
        try await TAXIITestForum.withOpenForum { fixture, node in
            let collection = try await TAXIITest.define(node, alias: "shared", readers: .all, writers: .all)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let taxii: HTTPFields = [.accept: TAXIITest.media, .authorization: TAXIITest.basic("ee", TAXIITest.token("ee"))]
                let added = try await client.execute(
                    uri: "\(TAXIITest.root)collections/\(collection)/objects/", method: .post,
                    headers: [.contentType: TAXIITest.media, .accept: TAXIITest.media, .authorization: TAXIITest.basic("ee", TAXIITest.token("ee"))],
                    body: ByteBuffer(string: STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])))
                #expect(added.status == .accepted)
                for uri in ["/taxii2/", TAXIITest.root, "\(TAXIITest.root)collections/", "\(TAXIITest.root)collections/\(collection)/objects/"] {
                    try await Self.expectRevalidates(client, uri, policy: "private, no-cache", headers: taxii)
                }
                // An envelope's tag is made from its objects' ids, versions and dates added: a new object changes it.
                let objects = "\(TAXIITest.root)collections/\(collection)/objects/"
                let before = try await client.execute(uri: objects, method: .get, headers: taxii)
                let again = try await client.execute(uri: objects, method: .get, headers: taxii)
                #expect(before.headers[.eTag] != nil && again.headers[.eTag] == before.headers[.eTag])
                #expect(Array(buffer: before.body) == Array(buffer: again.body))
                let second = try await client.execute(
                    uri: objects, method: .post,
                    headers: [.contentType: TAXIITest.media, .accept: TAXIITest.media, .authorization: TAXIITest.basic("ee", TAXIITest.token("ee"))],
                    body: ByteBuffer(string: STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])))
                #expect(second.status == .accepted)
                let after = try await client.execute(uri: objects, method: .get, headers: taxii)
                #expect(after.headers[.eTag] != nil && after.headers[.eTag] != before.headers[.eTag])
                let stale = taxii.merging(ifNoneMatch: before.headers[.eTag]!)
                #expect(try await client.execute(uri: objects, method: .get, headers: stale).status == .ok, "the old tag no longer matches")
                let authorized: HTTPFields = [.authorization: "Bearer whatever"]
                try await Self.expectRevalidates(client, "/api/v1/acts/0", policy: "private, no-cache", headers: authorized)
                try await Self.expectRevalidates(client, "/api/v1/members", policy: "private, no-cache", headers: authorized)
                #expect(try await client.get("/healthz").headers[.cacheControl] == "no-store")
            }
            _ = fixture
        }
    }

    @Test("errors and writes get no ETag")
    func noTagsOnErrorsOrWrites() async throws {
        let node = try await makeNode(acts: 1)
        try await withNode(node) { client in
            #expect(try await client.get("/api/v1/acts/999").headers[.eTag] == nil)
            let created = try await client.submit(try forum.credentialAct(by: "ee", seq: 2, [.addToken(try TestForum.token("t", 1234))]))
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == nil)
        }
    }
}

extension HTTPFields {
    /// These fields with `If-None-Match` set.
    fileprivate func merging(ifNoneMatch tag: String) -> HTTPFields {
        var fields = self
        fields[.ifNoneMatch] = tag
        return fields
    }
}
