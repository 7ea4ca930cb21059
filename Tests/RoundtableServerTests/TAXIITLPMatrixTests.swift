import Foundation
import HTTPTypes
import HummingbirdTesting
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import RoundtableNode

/// TLP 2.0 on every TAXII read (docs `exchange.md`, "TLP enforcement"): who sees which object through objects, manifest,
/// object by id and versions, whoever presents a `next` token.
@Suite("TAXII TLP matrix")
struct TAXIITLPMatrixTests {
    /// One collection, public, read by ee, fr and ke, shared with (audience) ee and fr, written by ee and fr, AMBER by
    /// default; jp is a member but no reader.
    struct Matrix: Sendable {
        let collection: String
        let clear = STIXText.newID()
        let green = STIXText.newID()
        let amber = STIXText.newID()
        let amberStrict = STIXText.newID()
        let redForFR = STIXText.newID()
        let amberForKE = STIXText.newID()
        let unmarked = STIXText.newID()
        /// fr's own object: RED for ke.
        let redForKE = STIXText.newID()

        /// Every object, in the order added.
        var all: [String] { [clear, green, amber, amberStrict, redForFR, amberForKE, unmarked, redForKE] }

        /// What each reader may see, in the order added; `nil` is anonymous.
        func visible(to reader: String?) -> [String] {
            switch reader {
            case nil: [clear]
            case "ee": [clear, green, amber, amberStrict, redForFR, amberForKE, unmarked]
            case "fr": [clear, green, amber, amberStrict, redForFR, unmarked, redForKE]
            case "ke": [clear, green, redForKE]
            default: []
            }
        }

        func name(_ id: String) -> String {
            let names = [
                clear: "CLEAR", green: "GREEN", amber: "AMBER", amberStrict: "AMBER+STRICT", redForFR: "RED[fr]", amberForKE: "AMBER[ke]",
                unmarked: "unmarked", redForKE: "RED[ke] by fr",
            ]
            return names[id] ?? id
        }

        /// Defines the collection and adds the objects: ee's seven in one envelope, then fr's.
        static func make(_ node: ForumNode<SQLiteForumStore>, _ client: any TestClientProtocol, collection: String) async throws -> Matrix {
            let matrix = Matrix(collection: collection)
            let ee = try await client.addObjects(
                collection,
                [
                    STIXText.object(id: matrix.clear, markings: [TAXIITest.clear], name: "CLEAR"),
                    STIXText.object(id: matrix.green, markings: [TAXIITest.green], name: "GREEN"),
                    STIXText.object(id: matrix.amber, markings: [TAXIITest.amber], name: "AMBER"),
                    STIXText.object(id: matrix.amberStrict, markings: [TAXIITest.amberStrict], name: "AMBER+STRICT"),
                    STIXText.object(id: matrix.redForFR, markings: [TAXIITest.red], recipients: ["fr"], name: "RED for fr"),
                    STIXText.object(id: matrix.amberForKE, markings: [TAXIITest.amber], recipients: ["ke"], name: "AMBER for ke"),
                    STIXText.object(id: matrix.unmarked, name: "unmarked"),
                ], as: "ee")
            try #require(ee.successCount == 7, "ee's objects: \(ee.failures?.map { $0.message ?? "" } ?? [])")
            let fr = try await client.addObjects(
                collection, [STIXText.object(id: matrix.redForKE, markings: [TAXIITest.red], recipients: ["ke"], name: "RED for ke")], as: "fr")
            try #require(fr.successCount == 1)
            return matrix
        }
    }

    /// Runs `body` against the node's router once the matrix collection is defined and its objects added.
    static func withMatrix(
        _ node: ForumNode<SQLiteForumStore>, _ body: @escaping @Sendable (any TestClientProtocol, String, Matrix) async throws -> Void
    ) async throws {
        let collection = try await defineMatrixCollection(node)
        try await withNode(node, configuration: TAXIITest.quiet) { client in
            try await body(client, collection, try await Matrix.make(node, client, collection: collection))
        }
    }

    static func defineMatrixCollection(_ node: ForumNode<SQLiteForumStore>) async throws -> String {
        try await TAXIITest.define(
            node, alias: "sharing-group", audience: try TAXIITest.members("ee", "fr"), readers: try TAXIITest.members("ee", "fr", "ke"),
            writers: try TAXIITest.members("ee", "fr"), isPublic: true, defaultTLP: "amber")
    }

    @Test(
        "each reader sees exactly its objects through objects, manifest, object by id and versions",
        arguments: [nil, "ee", "fr", "ke"] as [String?])
    func matrix(reader: String?) async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            try await Self.withMatrix(node) { client, collection, matrix in
                let expected = matrix.visible(to: reader)
                let who = reader ?? "anonymous"
                let names = { (ids: [String]) in ids.map(matrix.name) }

                // The collection is readable.
                let resource = try await client.taxii("collections/\(collection)/", as: reader)
                #expect(resource.status == .ok)
                #expect(try resource.taxiiDecode(TAXIICollectionBody.self).canRead == true)

                // Objects, in one page and in pages of one.
                let objects = try await client.taxii("collections/\(collection)/objects/", as: reader)
                #expect(objects.status == .ok)
                let envelope = try objects.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(names(envelope.ids) == names(expected), "objects seen by \(who)")
                #expect(envelope.more == false)
                let pages = try await client.allPages("collections/\(collection)/objects/", query: "limit=1", as: reader)
                #expect(names(pages.flatMap { $0 }) == names(expected), "objects paged for \(who)")
                #expect(pages.count == expected.count, "invisible objects must not make empty pages or more:true for \(who)")
                let all = try await client.taxii("collections/\(collection)/objects/?match[version]=all", as: reader)
                #expect(names(try all.taxiiDecode(TAXIIEnvelopeBody.self).ids) == names(expected), "all versions seen by \(who)")

                // Manifest, and the date headers over what this reader sees.
                let manifestResponse = try await client.taxii("collections/\(collection)/manifest/", as: reader)
                #expect(manifestResponse.status == .ok)
                let manifest = try manifestResponse.taxiiDecode(TAXIIManifestBody.self)
                #expect(names(manifest.ids) == names(expected), "manifest seen by \(who)")
                #expect(manifestResponse.headers[TAXIITest.firstHeader] == manifest.objects?.first?.dateAdded)
                #expect(manifestResponse.headers[TAXIITest.lastHeader] == manifest.objects?.last?.dateAdded)
                #expect(objects.headers[TAXIITest.firstHeader] == manifest.objects?.first?.dateAdded)
                #expect(objects.headers[TAXIITest.lastHeader] == manifest.objects?.last?.dateAdded)
                var manifestPaged: [String] = []
                var next: String?
                repeat {
                    let page = try await client.taxii(
                        "collections/\(collection)/manifest/?limit=2" + (next.map { "&next=\($0)" } ?? ""), as: reader
                    ).taxiiDecode(TAXIIManifestBody.self)
                    manifestPaged += page.ids
                    next = page.more == true ? page.next : nil
                } while next != nil && manifestPaged.count < 50
                #expect(names(manifestPaged) == names(expected), "manifest paged for \(who)")

                // Type filter over the visible ones only.
                let typed = try await client.taxii("collections/\(collection)/objects/?match[type]=indicator&limit=100", as: reader)
                #expect(names(try typed.taxiiDecode(TAXIIEnvelopeBody.self).ids) == names(expected))

                // Object by id and versions: the visible ones, and 404 for the others, as for an id that does not exist.
                for id in matrix.all {
                    let object = try await client.taxii("collections/\(collection)/objects/\(id)/", as: reader)
                    let versions = try await client.taxii("collections/\(collection)/objects/\(id)/versions/", as: reader)
                    let everyVersion = try await client.taxii("collections/\(collection)/objects/\(id)/?match[version]=all", as: reader)
                    if expected.contains(id) {
                        #expect(object.status == .ok, "\(who) reading \(matrix.name(id))")
                        #expect(try object.taxiiDecode(TAXIIEnvelopeBody.self).ids == [id])
                        #expect(versions.status == .ok, "\(who) listing versions of \(matrix.name(id))")
                        #expect(try versions.taxiiDecode(TAXIIVersionsBody.self).versions == [STIXText.t0])
                        #expect(try everyVersion.taxiiDecode(TAXIIEnvelopeBody.self).ids == [id])
                    } else {
                        #expect(object.status == .notFound, "\(who) must not read \(matrix.name(id))")
                        TAXIITest.expectError(object, .notFound)
                        #expect(versions.status == .notFound, "\(who) must not list versions of \(matrix.name(id))")
                        TAXIITest.expectError(versions, .notFound)
                        #expect(everyVersion.status == .notFound, "\(who) must not read any version of \(matrix.name(id))")
                        // Its error says no more than an unknown id's.
                        let unknown = try await client.taxii("collections/\(collection)/objects/\(STIXText.newID())/", as: reader)
                        #expect(
                            try object.taxiiDecode(TAXIIErrorBody.self).title == unknown.taxiiDecode(TAXIIErrorBody.self).title)
                        #expect(!object.text.contains(matrix.name(id)))
                    }
                }
            }
        }
    }

    @Test("jp, a member who is not a reader of the public collection, reads it as the public does: TLP:CLEAR only")
    func nonReader() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            try await Self.withMatrix(node) { client, collection, matrix in
                let objects = try await client.taxii("collections/\(collection)/objects/", as: "jp")
                #expect(objects.status == .ok)
                #expect(try objects.taxiiDecode(TAXIIEnvelopeBody.self).ids == [matrix.clear], "jp sees exactly what anonymous sees")
                let anonymous = try await client.taxii("collections/\(collection)/objects/").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(anonymous.ids == [matrix.clear])
                for id in matrix.all where id != matrix.clear {
                    TAXIITest.expectError(try await client.taxii("collections/\(collection)/objects/\(id)/", as: "jp"), .notFound)
                    TAXIITest.expectError(try await client.taxii("collections/\(collection)/objects/\(id)/versions/", as: "jp"), .notFound)
                }
                let jpGreen = try await client.taxii("collections/\(collection)/objects/\(matrix.green)/", as: "jp")
                #expect(jpGreen.status != .ok, "jp, no reader, reads the TLP:GREEN object")
            }
        }
    }

    @Test("a next token obtained by ee and presented by ke, fr or anonymous yields only what the presenter may see")
    func nextFromAnotherReader() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            try await Self.withMatrix(node) { client, collection, matrix in
                let path = "collections/\(collection)/objects/"
                let first = try await client.taxii(path + "?limit=3", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(first.ids == [matrix.clear, matrix.green, matrix.amber])
                #expect(first.more == true)
                let next = try #require(first.next)

                let ke = try await client.taxii(path + "?limit=3&next=\(next)", as: "ke")
                #expect(ke.status == .ok)
                let keEnvelope = try ke.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(keEnvelope.ids.map(matrix.name) == [matrix.redForKE].map(matrix.name))
                #expect(keEnvelope.more == false)
                #expect(keEnvelope.next == nil)

                let anonymous = try await client.taxii(path + "?limit=3&next=\(next)")
                #expect(anonymous.status == .ok)
                let anonymousEnvelope = try anonymous.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(anonymousEnvelope.objects == nil)
                #expect(anonymousEnvelope.more == false)

                let fr = try await client.taxii(path + "?limit=3&next=\(next)", as: "fr").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(fr.ids.map(matrix.name) == [matrix.amberStrict, matrix.redForFR, matrix.unmarked].map(matrix.name))
                #expect(fr.more == true)
                let frRest = try await client.taxii(path + "?limit=3&next=\(try #require(fr.next))", as: "fr").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(frRest.ids.map(matrix.name) == [matrix.redForKE].map(matrix.name))
                #expect(frRest.more == false)

                // A manifest token too.
                let manifest = try await client.taxii("collections/\(collection)/manifest/?limit=1", as: "ee").taxiiDecode(TAXIIManifestBody.self)
                let manifestNext = try #require(manifest.next)
                let keManifest = try await client.taxii("collections/\(collection)/manifest/?limit=1&next=\(manifestNext)", as: "ke")
                    .taxiiDecode(TAXIIManifestBody.self)
                #expect(keManifest.ids.map(matrix.name) == [matrix.green].map(matrix.name))
                #expect(keManifest.more == true)

                // ke's own pages stop when nothing visible follows, however much hidden follows.
                let kePage = try await client.taxii(path + "?limit=2", as: "ke").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(kePage.ids == [matrix.clear, matrix.green])
                #expect(kePage.more == true)
                let keLast = try await client.taxii(path + "?limit=3", as: "ke").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(keLast.ids == [matrix.clear, matrix.green, matrix.redForKE])
                #expect(keLast.more == false)
            }
        }
    }

    @Test("hundreds of hidden objects before a visible one: the page still finds it, with more:false")
    func hiddenObjectsDoNotCutPages() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await Self.defineMatrixCollection(node)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let early = STIXText.newID()
                let late = STIXText.newID()
                _ = try await client.addObjects(collection, [STIXText.object(id: early, markings: [TAXIITest.clear])], as: "ee")
                let hidden = (0..<600).map { _ in STIXText.object(id: STIXText.newID(), markings: [TAXIITest.amber]) }
                _ = try await client.addObjects(collection, Array(hidden[..<300]), as: "ee")
                _ = try await client.addObjects(collection, Array(hidden[300...]), as: "fr")
                _ = try await client.addObjects(collection, [STIXText.object(id: late, markings: [TAXIITest.clear])], as: "ee")
                #expect(try await TAXIITest.storedCount(node, collection) == 602)
                for reader in [nil, "ke"] as [String?] {
                    let all = try await client.taxii("collections/\(collection)/objects/", as: reader).taxiiDecode(TAXIIEnvelopeBody.self)
                    #expect(all.ids == [early, late])
                    #expect(all.more == false)
                    let first = try await client.taxii("collections/\(collection)/objects/?limit=1", as: reader).taxiiDecode(TAXIIEnvelopeBody.self)
                    #expect(first.ids == [early])
                    #expect(first.more == true)
                    let second = try await client.taxii("collections/\(collection)/objects/?limit=1&next=\(try #require(first.next))", as: reader)
                        .taxiiDecode(TAXIIEnvelopeBody.self)
                    #expect(second.ids == [late])
                    #expect(second.more == false)
                    let manifest = try await client.taxii("collections/\(collection)/manifest/?limit=5", as: reader).taxiiDecode(
                        TAXIIManifestBody.self
                    )
                    #expect(manifest.ids == [early, late])
                    #expect(manifest.more == false)
                }
                let ee = try await client.taxii("collections/\(collection)/manifest/?limit=1000", as: "ee").taxiiDecode(TAXIIManifestBody.self)
                #expect(ee.ids.count == 602)
            }
        }
    }

    @Test("the strictest marking decides; TLP 1.0 WHITE is CLEAR; unmarked objects take the collection's default")
    func markingRules() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await Self.defineMatrixCollection(node)
            let clearDefault = try await TAXIITest.define(
                node, alias: "open", audience: try TAXIITest.members("ee"), readers: .all, writers: try TAXIITest.members("ee"), isPublic: true,
                defaultTLP: "clear")
            let greenDefault = try await TAXIITest.define(
                node, alias: "members", audience: try TAXIITest.members("ee"), readers: .all, writers: try TAXIITest.members("ee"), isPublic: true,
                defaultTLP: "green")
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let clearAndRed = STIXText.newID()
                let greenAndAmber = STIXText.newID()
                let white = STIXText.newID()
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: clearAndRed, markings: [TAXIITest.clear, TAXIITest.red], recipients: ["fr"]),
                        STIXText.object(id: greenAndAmber, markings: [TAXIITest.green, TAXIITest.amber]),
                        STIXText.object(id: white, markings: [TAXIITest.white]),
                    ], as: "ee")
                func sees(_ reader: String?, _ collection: String, _ id: String) async throws -> Bool {
                    try await client.taxii("collections/\(collection)/objects/\(id)/", as: reader).status == .ok
                }
                #expect(try await sees(nil, collection, clearAndRed) == false)
                #expect(try await sees("ke", collection, clearAndRed) == false)
                #expect(try await sees("fr", collection, clearAndRed) == true)
                #expect(try await sees("ke", collection, greenAndAmber) == false)
                #expect(try await sees("fr", collection, greenAndAmber) == true)
                #expect(try await sees(nil, collection, white) == true)

                // Unmarked objects: CLEAR in "open", GREEN in "members".
                let openObject = STIXText.newID()
                let membersObject = STIXText.newID()
                _ = try await client.addObjects(clearDefault, [STIXText.object(id: openObject)], as: "ee")
                _ = try await client.addObjects(greenDefault, [STIXText.object(id: membersObject)], as: "ee")
                #expect(try await sees(nil, clearDefault, openObject) == true)
                #expect(try await sees("jp", clearDefault, openObject) == true)
                #expect(try await sees(nil, greenDefault, membersObject) == false)
                #expect(try await sees("jp", greenDefault, membersObject) == true)
                #expect(try await sees("ke", greenDefault, membersObject) == true)
            }
        }
    }

    @Test("a marking definition that redefines a TLP level is a 422 for its envelope; the genuine TLP 2.0 definition is accepted")
    func forgedMarkingDefinition() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await Self.defineMatrixCollection(node)
            @Sendable func definition(id: String, name: String, level: String) -> String {
                """
                {"type":"marking-definition","spec_version":"2.1","id":"\(id)","created":"2022-10-01T00:00:00.000Z","name":"\(name)",\
                "extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":\
                {"extension_type":"property-extension","tlp_2_0":"\(level)"}}}
                """
            }
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let forged = try await client.postEnvelope(
                    collection,
                    STIXText.envelope([
                        definition(id: TAXIITest.green, name: "TLP:GREEN", level: "red"),
                        definition(id: TAXIITest.green, name: "TLP:GREEN", level: "green"),
                    ]), as: "ee")
                TAXIITest.expectError(forged, .unprocessableContent)
                #expect(forged.text.contains("cannot be redefined"))
                #expect(try await TAXIITest.storedCount(node, collection) == 0)
                let status = try await client.addObjects(collection, [definition(id: TAXIITest.green, name: "TLP:GREEN", level: "green")], as: "ee")
                #expect(status.successCount == 1)
                #expect(try await TAXIITest.storedCount(node, collection) == 1)
            }
        }
    }
}
