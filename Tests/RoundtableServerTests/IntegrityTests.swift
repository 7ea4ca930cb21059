import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import RoundtableNode

/// The node never writes where it does not expect to, never signs an act its own replay would refuse, and says what
/// happened when it stops writing.
@Suite("Integrity of the record")
struct IntegrityTests {
    let forum: TestForum

    init() throws { forum = try TestForum() }

    @Test("a store written behind the node's back: the node writes nothing, stops accepting acts and says why; reads go on")
    func storeOutOfStep() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        try await store.append([ActRecord(entry: Array("written by another process\n".utf8), changes: [])], at: 1)
        try await withNode(node) { client in
            #expect(try await client.get("/healthz").status == .ok)
            let entry = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))])
            let refused = try await client.submit(entry)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.errorCode == "not_writing")
            #expect(String(buffer: refused.body).contains("holds 2 entries where the node expected 1"))
            let health = try await client.get("/healthz")
            #expect(health.status == .serviceUnavailable)
            #expect(String(buffer: health.body).contains("stopped accepting acts"))
            // No retry: the same act again, and another member's, are refused without touching the store.
            #expect(try await client.submit(entry).errorCode == "not_writing")
            #expect(
                try await client.submit(try forum.credentialAct(by: "fr", seq: 1, [.addToken(try TestForum.token("t", 2))])).errorCode
                    == "not_writing"
            )
            #expect(try await client.get("/api/v1/members").status == .ok)
        }
        #expect(try await store.entryCount() == 2)
        #expect(node.state.members[try MemberID("ee")]?.lastSequence == 0)
        await #expect(throws: ForumNodeError.self) { try await node.publishLog() }
    }

    @Test("a node that has not started answers 503 'starting' and writes nothing until it starts")
    func notStarted() async throws {
        let store = InMemoryForumStore()
        let node = try await ForumNode.prepare(
            store: store, nodeSigner: forum.node, origin: forum.origin,
            founding: .init(forumName: "Test forum", founders: try forum.founders, rules: forum.rules), logger: Logger(label: "test"))
        #expect(try await store.entryCount() == 0)
        try await withNode(node) { client in
            #expect(try await client.get("/healthz").status == .serviceUnavailable)
            let entry = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))])
            #expect(try await client.submit(entry).errorCode == "starting")
            try await node.start()
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await client.submit(entry).status == .created)
        }
        #expect(try await store.entryCount() == 2)
    }

    /// Every control character, C0 (line feed and tab included), DEL and C1.
    static let controlCharacters: [Character] = (Array(0x00...0x1F) + Array(0x7F...0x9F)).map { Character(Unicode.Scalar($0)!) }

    /// The operator's token of the tests that define collections, and a configuration that accepts it.
    static let operatorToken = "operator-token"
    static let operatorConfiguration = RoundtableConfiguration(adminTokenDigest: Array(SHA256.hash(data: Array(operatorToken.utf8))))

    /// `POST /api/v1/admin/collections` with the operator's token and a JSON body.
    static func createCollection(_ client: any TestClientProtocol, _ body: [String: String]) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/admin/collections", method: .post,
            headers: [.authorization: "Bearer \(operatorToken)", .contentType: "application/json"],
            body: ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: body))))
    }

    @Test("collection ids and aliases share one namespace: an alias equal to another collection's id or alias is a 409 naming it")
    func collectionNamespace() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        try await withNode(node, configuration: Self.operatorConfiguration) { client in
            func create(_ alias: String) async throws -> TestResponse {
                try await Self.createCollection(client, ["alias": alias, "title": "T"])
            }
            let first = try await create("indicators")
            #expect(first.status == .created)
            let id = try #require(try JSONSerialization.jsonObject(with: Data(Array(buffer: first.body))) as? [String: Any])["id"] as? String
            let entries = try await store.entryCount()
            for alias in ["indicators", try #require(id)] {
                let refused = try await create(alias)
                #expect(refused.status == .conflict, "\(alias)")
                #expect(refused.errorCode == "conflict")
                #expect(String(buffer: refused.body).contains("already names the collection 'indicators' (id \(try #require(id)))"))
            }
            #expect(try await store.entryCount() == entries)
            #expect(try await create("reports").status == .created)
        }
    }

    @Test("every control character in every field of a new collection is refused with a 400 naming the field; the log is unchanged and replays")
    func operatorFields() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let valid: [String: String] = [
            "alias": "indicators", "title": "Indicators of compromise", "audience": "all", "read": "all", "write": "ee,fr", "default_tlp": "amber",
        ]
        try await withNode(node, configuration: Self.operatorConfiguration) { client in
            for field in valid.keys.sorted() {
                for character in Self.controlCharacters {
                    var body = valid
                    body[field] = "a" + String(character) + "b"
                    let response = try await Self.createCollection(client, body)
                    #expect(response.status == .badRequest, "\(field) with U+\(String(character.unicodeScalars.first!.value, radix: 16))")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(String(buffer: response.body).contains("\"\(field): "), "the error names \(field): \(String(buffer: response.body))")
                }
            }
            #expect(try await store.entryCount() == 1)
            let created = try await Self.createCollection(client, valid)
            #expect(created.status == .created)
        }
        var replay = ForumReplay()
        for index in 0..<(try await store.entryCount()) {
            replay.apply(entry: try #require(try await store.entry(at: index)), checkingSignature: true)
        }
        #expect(replay.problems.isEmpty)
        #expect(replay.state?.collections.count == 1)
        // And the forum restarts on the same store.
        let restarted = try await forum.open(on: store)
        #expect(restarted.state.collections.count == 1)
    }

    @Test(
        "the node never signs an act its replay would refuse: one whose text would not read back is a 500 fault of the node, and nothing is written"
    )
    func unreadableNodeAct() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        // A credential act with no change line: the parser that replays the log refuses it.
        await #expect {
            try await node.perform(.credential([]))
        } throws: { error in
            guard case .nodeActUnreadable = error as? ForumNodeError else { return false }
            return true
        }
        #expect(try await store.entryCount() == 1)
        #expect(node.state.nodeSequence == 1)
    }
}
