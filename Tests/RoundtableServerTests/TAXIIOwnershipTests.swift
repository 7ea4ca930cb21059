import Foundation
import HTTPTypes
import HummingbirdTesting
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import Testing

/// An object id belongs to the member that first added it: only that member adds versions of it or deletes it, in any
/// collection (docs/exchange.md, "Who owns an object").
@Suite("TAXII object ownership")
struct TAXIIOwnershipTests {
    @Test("another member's later version is a failure in its status, in the same and in another collection; readers keep the owner's")
    func versionsByOthers() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let writers = try TAXIITest.members("ee", "fr")
            let shared = try await TAXIITest.define(node, alias: "shared", readers: .all, writers: writers)
            let other = try await TAXIITest.define(node, alias: "other", readers: .all, writers: writers)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let id = STIXText.newID()
                let original = STIXText.object(id: id, markings: [TAXIITest.red], recipients: ["ke"], name: "ee's original")
                #expect(try await client.addObjects(shared, [original], as: "ee").successCount == 1)
                let rewrite = STIXText.object(id: id, modified: STIXText.t1, markings: [TAXIITest.clear], name: "fr's rewrite")
                for collection in [shared, other] {
                    let status = try await client.addObjects(collection, [rewrite], as: "fr")
                    #expect(status.successCount == 0)
                    #expect(status.failures?.map(\.id) == [id])
                    #expect(status.failures?.first?.message?.contains("belongs to another member's object") == true)
                }
                // ke, the recipient, still reads ee's object, and nothing of fr's; the public reads nothing of it.
                let read = try await client.taxii("collections/\(shared)/objects/\(id)/?match[version]=all", as: "ke")
                    .taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(read.objects?.map(\.modified) == [STIXText.t0])
                let elsewhere = try await client.taxii("collections/\(other)/objects/\(id)/", as: "ke")
                #expect(elsewhere.status == .notFound)
                // The owner versions its object in either collection.
                let update = STIXText.object(id: id, modified: STIXText.t2, markings: [TAXIITest.red], recipients: ["ke"], name: "ee's v2")
                #expect(try await client.addObjects(shared, [update], as: "ee").successCount == 1)
                #expect(try await client.addObjects(other, [update], as: "ee").successCount == 1)
                let latest = try await client.taxii("collections/\(shared)/objects/\(id)/", as: "ke").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(latest.objects?.map(\.modified) == [STIXText.t2])
            }
        }
    }

    @Test("a refused version says the same whether or not the member may read the owner's object")
    func refusalRevealsOnlyTheID() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let writers = try TAXIITest.members("ee", "fr")
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: writers)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let readable = STIXText.newID()
                let unreadable = STIXText.newID()
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: readable, markings: [TAXIITest.green]),
                        STIXText.object(id: unreadable, markings: [TAXIITest.red], recipients: ["ke"]),
                    ], as: "ee")
                #expect(try await client.taxii("collections/\(collection)/objects/\(readable)/", as: "fr").status == .ok)
                #expect(try await client.taxii("collections/\(collection)/objects/\(unreadable)/", as: "fr").status == .notFound)
                var messages: [String] = []
                for id in [readable, unreadable] {
                    // The very version stored, and a different object under the same id and version: one answer.
                    for name in ["sample", "something else"] {
                        let status = try await client.addObjects(collection, [STIXText.object(id: id, name: name)], as: "fr")
                        #expect(status.successCount == 0)
                        let message = try #require(status.failures?.first?.message)
                        messages.append(message.replacingOccurrences(of: id, with: "ID"))
                    }
                }
                #expect(Set(messages).count == 1, "\(messages)")
                #expect(!messages[0].contains("already stored"))
            }
        }
    }

    @Test("only the owner deletes an object: another writer and reader gets a TAXII 403 and the object stays")
    func deleteByOthers() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let members = try TAXIITest.members("ee", "fr")
            let collection = try await TAXIITest.define(node, alias: "intel", readers: members, writers: members)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let id = STIXText.newID()
                _ = try await client.addObjects(collection, [STIXText.object(id: id, markings: [TAXIITest.green])], as: "ee")
                let path = "collections/\(collection)/objects/\(id)/"
                let refused = try await client.taxii(.delete, path, as: "fr")
                TAXIITest.expectError(refused, .forbidden)
                #expect(refused.text.contains("only the member that first added an object may delete it"))
                #expect(try await client.taxii(path, as: "fr").status == .ok)
                #expect(try await client.taxii(.delete, path, as: "ee").status == .ok)
                #expect(try await client.taxii(path, as: "fr").status == .notFound)
                // Deleted, the id still belongs to ee: fr cannot take it over.
                let status = try await client.addObjects(collection, [STIXText.object(id: id, name: "fr's")], as: "fr")
                #expect(status.successCount == 0)
            }
        }
    }
}
