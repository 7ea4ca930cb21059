import Foundation
import HTTPTypes
import HummingbirdTesting
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import Testing

/// TLP markings fail closed through the server: an object's level is the strictest TLP marking anywhere in it, and an
/// object whose level the node cannot tell exactly is refused, never stored at the collection's default
/// (docs/exchange.md, "TLP 2.0, on every read").
@Suite("TAXII markings that fail closed")
struct TAXIIMarkingTests {
    static let statement = "marking-definition--2d5a8f3c-4b1e-4f7a-9c6d-0e1f2a3b4c5d"

    /// A RED marking on the object's `pattern` only.
    static func granularRed(id: String, recipients: [String]?) -> String {
        let object = STIXText.object(id: id, recipients: recipients)
        return String(object.dropLast())
            + ",\"granular_markings\":[{\"marking_ref\":\"\(TAXIITest.red)\",\"selectors\":[\"pattern\"]}]}"
    }

    @Test("an object whose only TLP:RED marking is granular is RED: the public and other members do not see it, its recipient does")
    func granularRedIsRed() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(
                node, alias: "open", readers: .all, writers: try TAXIITest.members("ee"), isPublic: true, defaultTLP: "clear")
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let id = STIXText.newID()
                #expect(try await client.addObjects(collection, [Self.granularRed(id: id, recipients: ["ke"])], as: "ee").successCount == 1)
                let path = "collections/\(collection)/objects/\(id)/"
                #expect(try await client.taxii(path).status == .notFound, "the public")
                #expect(try await client.taxii(path, as: "fr").status == .notFound, "a member who is not a recipient")
                #expect(try await client.taxii(path, as: "ke").status == .ok, "the recipient")
                let listed = try await client.taxii("collections/\(collection)/objects/").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(!listed.ids.contains(id))
            }
        }
    }

    @Test("objects whose level cannot be told exactly are refused with a 422 and nothing of the envelope is stored")
    func undeterminedLevels() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(
                node, alias: "open", readers: .all, writers: try TAXIITest.members("ee"), isPublic: true, defaultTLP: "clear")
            let forged = "marking-definition--11111111-1111-4111-8111-111111111111"
            let forgedDefinition =
                #"{"type":"marking-definition","spec_version":"2.1","id":"\#(forged)","created":"2022-10-01T00:00:00.000Z","#
                + #""name":"TLP:CLEAR","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":"#
                + #"{"extension_type":"property-extension","tlp_2_0":"clear"}}}"#
            let cases: [(String, [String], String)] = [
                ("a granular RED marking without recipients", [Self.granularRed(id: STIXText.newID(), recipients: nil)], "must name its recipients"),
                (
                    "a marking definition the envelope does not define",
                    [STIXText.object(id: STIXText.newID(), markings: [Self.statement])], "not defined in this envelope"
                ),
                (
                    "a TLP level stated under another id", [forgedDefinition, STIXText.object(id: STIXText.newID(), markings: [forged])],
                    "not the standard TLP marking"
                ),
            ]
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                for (what, objects, reason) in cases {
                    let envelope = STIXText.envelope(objects + [STIXText.object(id: STIXText.newID())])
                    let refused = try await client.postEnvelope(collection, envelope, as: "ee")
                    TAXIITest.expectError(refused, .unprocessableContent)
                    #expect(refused.text.contains(reason), "\(what): \(refused.text)")
                }
                #expect(try await TAXIITest.storedCount(node, collection) == 0)
                // A statement marking defined in the same envelope is not TLP: the object takes the collection's default.
                let definition =
                    #"{"type":"marking-definition","spec_version":"2.1","id":"\#(Self.statement)","created":"2022-10-01T00:00:00.000Z","#
                    + #""definition_type":"statement","definition":{"statement":"Copyright 2026 a national CERT"}}"#
                let status = try await client.addObjects(
                    collection, [definition, STIXText.object(id: STIXText.newID(), markings: [Self.statement])], as: "ee")
                #expect(status.successCount == 2, "\(status.failures?.compactMap(\.message) ?? [])")
            }
        }
    }
}
