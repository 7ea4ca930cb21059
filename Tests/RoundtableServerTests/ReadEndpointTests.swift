import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableAPI
import RoundtableNode

@Suite("Members, forum and health endpoints")
struct ReadEndpointTests {
    let forum = try! TestForum()

    @Test("GET /api/v1/members lists members by id with status, keys, token labels and next sequence number")
    func members() async throws {
        var record = try GovernanceScenario(forum: forum)
        try record.suspend("ke", proposer: "fr")
        let node = try await forum.open(on: InMemoryForumStore(state: record.state, entries: record.entries))
        _ = try await node.submit(try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))]))
        try await withNode(node) { client in
            let list = try await client.get("/api/v1/members").decode(API.MemberList.self)
            #expect(list.members.map(\.id) == ["ee", "fr", "ke"])
            let ee = list.members[0]
            #expect(ee.status == "active")
            #expect(ee.keys == [forum.keys["ee"]!.verifier.description])
            #expect(ee.tokens == ["taxii"])
            #expect(ee.nextSeq == 2)
            #expect(list.members[2].status == "suspended")
            let one = try await client.get("/api/v1/members/fr").decode(API.Member.self)
            #expect(one == list.members[1])
            let missing = try await client.get("/api/v1/members/zz")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
        }
    }

    @Test("GET /api/v1/openapi.json serves the OpenAPI document kept in the repository, byte for byte")
    func openAPIDocument() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let response = try await client.get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(Array(buffer: response.body) == (try API.openAPIDocument()))
        }
    }

    @Test("GET /api/v1/forum names the origin, node key and size; /healthz answers ok")
    func forumAndHealth() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let described = try await client.get("/api/v1/forum").decode(API.Forum.self)
            #expect(described.origin == "forum.test")
            #expect(described.nodeKey == forum.node.verifier.description)
            #expect(described.members == 3)
            #expect(described.entries == 1)
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(String(buffer: health.body) == "ok\n")
        }
    }
}
