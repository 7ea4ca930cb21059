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

/// A store that cannot write answers 503 with `Retry-After` and the error body of the interface asked, and changes
/// nothing; an error the node did not expect is a 500 with that body too, never a bare one.
@Suite("Store failures over HTTP")
struct StoreUnavailableTests {
    let forum = try! TestForum()
    static let token = "ee-store-failure-token"
    static let full = StoreUnavailable(.diskFull, detail: "SQLite error 13: database or disk is full")

    /// A node where ee holds ``token`` and may write a collection; returns the node and the collection's id.
    func makeNode() async throws -> (ForumNode<InMemoryForumStore>, String) {
        let node = try await forum.open(on: InMemoryForumStore())
        let digest = Array(SHA256.hash(data: Array(Self.token.utf8)))
        _ = try await node.submit(try forum.credentialAct(by: "ee", seq: 1, [.addToken(try APIToken(label: "t", sha256: digest))]))
        return (node, try await TAXIITest.define(node, alias: "shared", readers: .all, writers: .all))
    }

    static func postDocument(_ client: any TestClientProtocol, _ text: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/documents", method: .post, headers: [.contentType: "text/plain; charset=utf-8", .authorization: "Bearer \(token)"],
            body: ByteBuffer(string: text))
    }

    static func postEnvelope(_ client: any TestClientProtocol, _ collection: String, _ envelope: String) async throws -> TestResponse {
        try await client.execute(
            uri: "\(TAXIITest.root)collections/\(collection)/objects/", method: .post,
            headers: [.contentType: TAXIITest.media, .accept: TAXIITest.media, .authorization: TAXIITest.basic("ee", token)],
            body: ByteBuffer(string: envelope))
    }

    @Test("a full disk: a document, an act and a TAXII envelope answer 503 store_unavailable with Retry-After, then succeed once it is fixed")
    func diskFull() async throws {
        let (node, collection) = try await makeNode()
        let entries = try await node.store.entryCount()
        let act = try forum.credentialAct(by: "ee", seq: 2, [.addToken(try TestForum.token("second", 2))])
        let envelope = STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])
        await node.store.setFailure(Self.full)
        try await withNode(node, configuration: TAXIITest.quiet) { client in
            for refused in [try await Self.postDocument(client, "A text."), try await client.submit(act)] {
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "30")
                #expect(refused.headers[.contentType] == "application/json; charset=utf-8")
                #expect(refused.errorCode == "store_unavailable")
                let message = try refused.decode(ErrorBody.self).error.message
                #expect(message.contains("disk") && message.contains("free space") && message.contains("again"), "\(message)")
            }
            let taxii = try await Self.postEnvelope(client, collection, envelope)
            TAXIITest.expectError(taxii, .serviceUnavailable)
            #expect(taxii.headers[.retryAfter] == "30")
            #expect(try await node.store.entryCount() == entries)
            #expect(node.state.members[try MemberID("ee")]?.lastSequence == 1)
            #expect(try await node.store.document(Array(SHA256.hash(data: Array("A text.".utf8)))) == nil)

            await node.store.setFailure(nil)
            #expect(try await Self.postDocument(client, "A text.").status == .created)
            #expect(try await client.submit(act).status == .created)
            #expect(try await Self.postEnvelope(client, collection, envelope).status == .accepted)
        }
    }

    @Test("an unexpected error is a 500 with the API's JSON body under /api/ and a TAXII error message under /taxii2")
    func unexpectedErrors() async throws {
        let (node, collection) = try await makeNode()
        let envelope = STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])
        try await withNode(node, configuration: TAXIITest.quiet) { client in
            #expect(try await Self.postEnvelope(client, collection, envelope).status == .accepted)
            await node.store.setFailure(CocoaError(.fileWriteUnknown))
            let document = try await Self.postDocument(client, "Another text.")
            #expect(document.status == .internalServerError)
            #expect(document.headers[.contentType] == "application/json; charset=utf-8")
            #expect(document.errorCode == "internal_error")
            // The same envelope again holds nothing new: only its status resource is written, straight to the store.
            TAXIITest.expectError(try await Self.postEnvelope(client, collection, envelope), .internalServerError)
        }
    }
}
