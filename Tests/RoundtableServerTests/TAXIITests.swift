import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import RoundtableNode

// MARK: - Support

/// Constants and helpers of the TAXII tests.
enum TAXIITest {
    static let media = "application/taxii+json;version=2.1"
    static let stixMedia = "application/stix+json;version=2.1"
    static let root = "/taxii2/forum/"
    /// No background services: nothing but the test's requests writes to the record.
    static let quiet = RoundtableConfiguration(checkpointInterval: nil, clerkInterval: nil)
    static let members = ["ee", "fr", "ke", "jp"]
    static let firstHeader = HTTPField.Name("X-TAXII-Date-Added-First")!
    static let lastHeader = HTTPField.Name("X-TAXII-Date-Added-Last")!

    /// The TLP 2.0 marking-definition ids.
    static let clear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
    static let green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
    static let amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    static let amberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
    static let red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
    /// TLP 1.0 WHITE, which counts as CLEAR.
    static let white = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"

    /// The API token each member registers.
    static func token(_ member: String) -> String { "\(member)-taxii-token-5c0ffee" }
    static func basic(_ user: String, _ password: String) -> String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    /// `YYYY-MM-DDTHH:MM:SS.ssssssZ`.
    static func isTAXIITimestamp(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z/) != nil
    }

    static func members(_ ids: String...) throws -> CollectionDefinition.Members { .only(Set(try ids.map { try MemberID($0) })) }

    /// Defines a collection with a node act and returns its id.
    @discardableResult
    static func define<Store: ForumStore>(
        _ node: ForumNode<Store>, alias: String, audience: CollectionDefinition.Members = .all, readers: CollectionDefinition.Members,
        writers: CollectionDefinition.Members, isPublic: Bool = false, defaultTLP: String = "amber"
    ) async throws -> String {
        let id = UUID().uuidString.lowercased()
        try await node.perform(
            .collection(
                try CollectionDefinition(
                    id: id, alias: alias, title: "Collection \(alias)", audience: audience, readers: readers, writers: writers, isPublic: isPublic,
                    defaultTLP: defaultTLP)))
        return id
    }

    /// How many object versions the store holds in a collection, whatever their marking.
    static func storedCount<Store: ForumStore>(_ node: ForumNode<Store>, _ collection: String) async throws -> Int {
        try await node.store.objects(ExchangeQuery(collection: collection, versions: .all, limit: 1_000_000)).count
    }

    /// Checks a TAXII error message (§3.6.1): status, content type, `title`, `http_status`; a 401 carries a Basic challenge.
    static func expectError(_ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == media, sourceLocation: sourceLocation)
        let body = try? response.taxiiDecode(TAXIIErrorBody.self)
        #expect(body != nil, "not a TAXII error message: \(String(buffer: response.body))", sourceLocation: sourceLocation)
        #expect(body?.title.isEmpty == false, sourceLocation: sourceLocation)
        #expect(body?.httpStatus == String(status.code), sourceLocation: sourceLocation)
        if status == .unauthorized {
            #expect(response.headers[.wwwAuthenticate]?.lowercased().hasPrefix("basic") == true, sourceLocation: sourceLocation)
        }
    }
}

/// A forum of ee, fr, ke and jp in a SQLite file of a temporary directory; each member holds the API token
/// ``TAXIITest/token(_:)``.
struct TAXIITestForum: Sendable {
    let forum: TestForum
    let directory: String
    var path: String { directory + "/roundtable.sqlite" }

    init() throws {
        forum = try TestForum(memberIDs: TAXIITest.members)
        directory = NSTemporaryDirectory() + "roundtable-taxii-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs `body` with a forum opened in a fresh temporary SQLite file (and the fixture, to reopen it), then removes
    /// the file.
    static func withOpenForum<T>(_ body: (TAXIITestForum, ForumNode<SQLiteForumStore>) async throws -> T) async throws -> T {
        let fixture = try TAXIITestForum()
        defer { fixture.remove() }
        return try await body(fixture, try await fixture.open())
    }

    /// Opens (or creates) the forum in the file; members without their token register it with a credential act.
    func open() async throws -> ForumNode<SQLiteForumStore> {
        let node = try await forum.open(on: try SQLiteForumStore(path: path))
        for member in TAXIITest.members {
            let record = try #require(node.state.members[try MemberID(member)])
            let digest = Array(SHA256.hash(data: Array(TAXIITest.token(member).utf8)))
            guard !record.tokens.contains(where: { $0.sha256 == digest }) else { continue }
            let act = try forum.credentialAct(by: member, seq: record.lastSequence + 1, [.addToken(try APIToken(label: "taxii", sha256: digest))])
            _ = try await node.submit(act)
        }
        return node
    }
}

/// Builds STIX 2.1 objects and envelopes as JSON text.
enum STIXText {
    static let t0 = "2026-03-01T10:00:00.000Z"
    static let t1 = "2026-03-02T10:00:00.000Z"
    static let t2 = "2026-03-03T10:00:00.000Z"

    static func newID(_ type: String = "indicator") -> String { "\(type)--\(UUID().uuidString.lowercased())" }

    static func object(
        type: String = "indicator", id: String, created: String = t0, modified: String? = nil, omitModified: Bool = false,
        specVersion: String? = "2.1", markings: [String]? = nil, recipients: [String]? = nil, name: String = "sample"
    ) -> String {
        var parts = ["\"type\":\"\(type)\""]
        if let specVersion { parts.append("\"spec_version\":\"\(specVersion)\"") }
        parts.append("\"id\":\"\(id)\"")
        parts.append("\"created\":\"\(created)\"")
        if !omitModified { parts.append("\"modified\":\"\(modified ?? created)\"") }
        parts.append("\"name\":\"\(name)\"")
        switch type {
        case "indicator":
            parts += ["\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\"", "\"pattern_type\":\"stix\"", "\"valid_from\":\"2026-03-01T00:00:00Z\""]
        case "malware": parts.append("\"is_family\":false")
        case "identity": parts.append("\"identity_class\":\"organization\"")
        default: break
        }
        if let markings { parts.append("\"object_marking_refs\":[" + markings.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
        if let recipients { parts.append("\"x_roundtable_recipients\":[" + recipients.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func envelope(_ objects: [String]) -> String { "{\"objects\":[" + objects.joined(separator: ",") + "]}" }
}

// MARK: Response bodies

struct TAXIIErrorBody: Decodable {
    let title: String
    let description: String?
    let httpStatus: String?
}

struct TAXIIDiscoveryBody: Decodable {
    let title: String
    let description: String?
    let `default`: String?
    let apiRoots: [String]?
}

struct TAXIIAPIRootBody: Decodable {
    let title: String
    let versions: [String]
    let maxContentLength: Int
}

struct TAXIICollectionBody: Decodable, Equatable {
    let id: String
    let title: String
    let alias: String?
    let canRead: Bool
    let canWrite: Bool
    let mediaTypes: [String]?
}

struct TAXIICollectionsBody: Decodable {
    let collections: [TAXIICollectionBody]?
}

struct TAXIIObjectBody: Decodable {
    let id: String
    let type: String
    let created: String?
    let modified: String?
    let name: String?
}

struct TAXIIEnvelopeBody: Decodable {
    let more: Bool?
    let next: String?
    let objects: [TAXIIObjectBody]?

    var ids: [String] { (objects ?? []).map(\.id) }
}

struct TAXIIManifestRecord: Decodable {
    let id: String
    let dateAdded: String
    let version: String
    let mediaType: String
}

struct TAXIIManifestBody: Decodable {
    let more: Bool?
    let next: String?
    let objects: [TAXIIManifestRecord]?

    var ids: [String] { (objects ?? []).map(\.id) }
}

struct TAXIIVersionsBody: Decodable {
    let more: Bool?
    let next: String?
    let versions: [String]?
}

struct TAXIIStatusDetail: Decodable {
    let id: String
    let version: String
    let message: String?
}

struct TAXIIStatusBody: Decodable {
    let id: String
    let status: String
    let requestTimestamp: String?
    let totalCount: Int
    let successCount: Int
    let successes: [TAXIIStatusDetail]?
    let failureCount: Int
    let failures: [TAXIIStatusDetail]?
    let pendingCount: Int
}

extension TestResponse {
    /// Decodes a TAXII body, whose names are snake case.
    func taxiiDecode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(body.readableBytesView))
    }

    var text: String { String(buffer: body) }
}

extension TestClientProtocol {
    /// A TAXII request: `path` relative to the API root unless it starts with `/`; `as` sends the member's HTTP Basic
    /// credentials, `authorization` any header.
    func taxii(
        _ path: String, as member: String? = nil, authorization: String? = nil, accept: String? = TAXIITest.media
    ) async throws -> TestResponse {
        try await taxii(.get, path, as: member, authorization: authorization, accept: accept)
    }

    /// A TAXII request with any method.
    func taxii(
        _ method: HTTPRequest.Method, _ path: String, as member: String? = nil, authorization: String? = nil,
        accept: String? = TAXIITest.media, contentType: String? = nil, body: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let accept { headers[.accept] = accept }
        if let member { headers[.authorization] = TAXIITest.basic(member, TAXIITest.token(member)) }
        if let authorization { headers[.authorization] = authorization }
        if let contentType { headers[.contentType] = contentType }
        let uri = path.hasPrefix("/") ? path : TAXIITest.root + path
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// POSTs an envelope to a collection's objects endpoint with the TAXII media types.
    func postEnvelope(
        _ collection: String, _ envelope: String, as member: String?, accept: String? = TAXIITest.media,
        contentType: String? = TAXIITest.media
    ) async throws -> TestResponse {
        try await taxii(.post, "collections/\(collection)/objects/", as: member, accept: accept, contentType: contentType, body: envelope)
    }

    /// POSTs an envelope that must be accepted and returns its status resource.
    func addObjects(_ collection: String, _ objects: [String], as member: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> TAXIIStatusBody
    {
        let response = try await postEnvelope(collection, STIXText.envelope(objects), as: member)
        try #require(response.status == .accepted, "POST answered \(response.status): \(response.text)", sourceLocation: sourceLocation)
        return try response.taxiiDecode(TAXIIStatusBody.self)
    }

    /// Follows `next` from a first page until `more` is false; returns each page's ids.
    func allPages(_ path: String, query: String, as member: String?, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> [[String]]
    {
        var pages: [[String]] = []
        var next: String?
        repeat {
            let uri = path + "?" + query + (next.map { "&next=\($0)" } ?? "")
            let response = try await taxii(uri, as: member)
            try #require(response.status == .ok, "\(uri): \(response.status) \(response.text)", sourceLocation: sourceLocation)
            let envelope = try response.taxiiDecode(TAXIIEnvelopeBody.self)
            pages.append(envelope.ids)
            #expect((envelope.more == true) == (envelope.next != nil), "more and next disagree", sourceLocation: sourceLocation)
            next = envelope.more == true ? envelope.next : nil
            try #require(pages.count < 100, "paging does not end", sourceLocation: sourceLocation)
        } while next != nil
        return pages
    }
}

// MARK: - Tests

@Suite("TAXII 2.1 server")
struct TAXIITests {
    // MARK: 1. Discovery and API root

    @Test(
        """
        discovery and the API root: required fields, max_content_length and the versioned media type; the bare media type is accepted; text/html \
        gets a TAXII 406
        """
    )
    func discoveryAndAPIRoot() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            var configuration = TAXIITest.quiet
            configuration.maximumBodySize = 300_000
            try await withNode(node, configuration: configuration) { client in
                let discovery = try await client.taxii("/taxii2/")
                #expect(discovery.status == .ok)
                #expect(discovery.headers[.contentType] == TAXIITest.media)
                let body = try discovery.taxiiDecode(TAXIIDiscoveryBody.self)
                #expect(!body.title.isEmpty)
                #expect(body.default == TAXIITest.root)
                #expect(body.apiRoots == [TAXIITest.root])

                let root = try await client.taxii(TAXIITest.root)
                #expect(root.status == .ok)
                #expect(root.headers[.contentType] == TAXIITest.media)
                let apiRoot = try root.taxiiDecode(TAXIIAPIRootBody.self)
                #expect(!apiRoot.title.isEmpty)
                #expect(apiRoot.versions.contains(TAXIITest.media))
                #expect(apiRoot.maxContentLength == 300_000)

                for path in ["/taxii2/", TAXIITest.root, "collections/"] {
                    for accept in ["application/taxii+json", "application/taxii+json; version=2.1", "*/*", "text/html, application/taxii+json;q=0.9"]
                    {
                        let accepted = try await client.taxii(path, accept: accept)
                        #expect(accepted.status == .ok, "\(path) with Accept: \(accept)")
                        #expect(accepted.headers[.contentType] == TAXIITest.media, "\(path) with Accept: \(accept)")
                    }
                    let member = try await client.taxii(path, as: "ee", accept: "application/taxii+json")
                    #expect(member.status == .ok)
                    for accept in ["text/html", "application/json"] {
                        let refused = try await client.taxii(path, accept: accept)
                        TAXIITest.expectError(refused, .notAcceptable)
                    }
                }

                // STIX is acceptable where objects are served, not elsewhere.
                TAXIITest.expectError(try await client.taxii("collections/", accept: TAXIITest.stixMedia), .notAcceptable)
                TAXIITest.expectError(try await client.taxii(TAXIITest.root, accept: TAXIITest.stixMedia), .notAcceptable)

                // No collection yet: the list omits its key rather than sending an empty list.
                let collections = try await client.taxii("collections/", as: "ee")
                #expect(collections.status == .ok)
                #expect(try collections.taxiiDecode(TAXIICollectionsBody.self).collections == nil)
                #expect(!collections.text.contains("[]"))
            }
        }
    }

    // MARK: 2. Collections

    @Test(
        """
        collections: each member sees exactly what it may read or write, with its own can_read and can_write; anonymous sees only public ones; \
        unknown, private and bad credentials
        """
    )
    func collections() async throws {
        try await TAXIITestForum.withOpenForum { fixture, node in
            let publicFeed = try await TAXIITest.define(
                node,
                alias: "public-feed",
                readers: .all,
                writers: try TAXIITest.members("ee"),
                isPublic: true
            )
            let group = try await TAXIITest.define(
                node, alias: "sharing-group", audience: try TAXIITest.members("ee", "fr"), readers: try TAXIITest.members("ee", "fr", "ke"),
                writers: try TAXIITest.members("ee", "fr"))
            let dropBox = try await TAXIITest.define(node, alias: "drop-box", readers: try TAXIITest.members("ee"), writers: .all)
            let frOnly = try await TAXIITest.define(
                node,
                alias: "fr-only",
                readers: try TAXIITest.members("fr"),
                writers: try TAXIITest.members("fr")
            )

            // alias → (can_read, can_write), per reader.
            let expected: [String?: [String: (Bool, Bool)]] = [
                nil: ["public-feed": (true, false)],
                "ee": ["public-feed": (true, true), "sharing-group": (true, true), "drop-box": (true, true)],
                "fr": ["public-feed": (true, false), "sharing-group": (true, true), "drop-box": (false, true), "fr-only": (true, true)],
                "ke": ["public-feed": (true, false), "sharing-group": (true, false), "drop-box": (false, true)],
                "jp": ["public-feed": (true, false), "drop-box": (false, true)],
            ]
            let ids = ["public-feed": publicFeed, "sharing-group": group, "drop-box": dropBox, "fr-only": frOnly]

            try await withNode(node, configuration: TAXIITest.quiet) { client in
                for (reader, rights) in expected {
                    let listing = try await client.taxii("collections/", as: reader)
                    #expect(listing.status == .ok)
                    #expect(listing.headers[.contentType] == TAXIITest.media)
                    let collections = try listing.taxiiDecode(TAXIICollectionsBody.self).collections ?? []
                    #expect(collections.compactMap(\.alias) == rights.keys.sorted(), "reader \(reader ?? "anonymous")")
                    for collection in collections {
                        let alias = try #require(collection.alias)
                        #expect(collection.id == ids[alias])
                        #expect(collection.canRead == rights[alias]?.0, "\(reader ?? "anonymous") can_read \(alias)")
                        #expect(collection.canWrite == rights[alias]?.1, "\(reader ?? "anonymous") can_write \(alias)")
                        #expect(collection.mediaTypes?.contains(TAXIITest.stixMedia) == true)
                        // The collection resource says the same.
                        let single = try await client.taxii("collections/\(collection.id)/", as: reader)
                        #expect(single.status == .ok)
                        #expect(try single.taxiiDecode(TAXIICollectionBody.self) == collection)
                    }
                    // The collections it may neither read nor write are absent: 404 for members, 401 for anonymous.
                    for (alias, id) in ids where rights[alias] == nil {
                        let hidden = try await client.taxii("collections/\(id)/", as: reader)
                        TAXIITest.expectError(hidden, reader == nil ? .unauthorized : .notFound)
                        let objects = try await client.taxii("collections/\(id)/objects/", as: reader)
                        TAXIITest.expectError(objects, reader == nil ? .unauthorized : .notFound)
                    }
                }

                // A collection that does not exist.
                let unknown = UUID().uuidString.lowercased()
                TAXIITest.expectError(try await client.taxii("collections/\(unknown)/", as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii("collections/\(unknown)/objects/", as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii("collections/\(unknown)/"), .notFound)

                // Bad credentials are refused everywhere, with a challenge, even where anonymous is welcome.
                let badCredentials = [
                    TAXIITest.basic("ee", "wrong-password"), TAXIITest.basic("ee", TAXIITest.token("fr")), TAXIITest.basic("zz", "whatever"),
                    TAXIITest.basic("ee", ""), "Basic !!!not-base64!!!", "Bearer \(TAXIITest.token("ee"))",
                    "Basic " + Data(TAXIITest.token("ee").utf8).base64EncodedString(),
                ]
                for authorization in badCredentials {
                    for path in ["collections/", "collections/\(publicFeed)/", "collections/\(group)/objects/", "/taxii2/"] {
                        let refused = try await client.taxii(path, authorization: authorization)
                        TAXIITest.expectError(refused, .unauthorized)
                    }
                }
                // A collection may be named by its alias.
                let byAlias = try await client.taxii("collections/sharing-group/", as: "ke")
                #expect(byAlias.status == .ok)
                #expect(try byAlias.taxiiDecode(TAXIICollectionBody.self).id == group)
                let objectsByAlias = try await client.taxii("collections/sharing-group/objects/", as: "ke", accept: TAXIITest.stixMedia)
                #expect(objectsByAlias.status == .ok)
                TAXIITest.expectError(try await client.taxii("collections/fr-only/", as: "ke"), .notFound)
                // The member id and token are case-sensitive, the scheme is not.
                let lowerScheme = try await client.taxii(
                    "collections/\(group)/", authorization: "basic " + Data("ee:\(TAXIITest.token("ee"))".utf8).base64EncodedString())
                #expect(lowerScheme.status == .ok)

                // A revoked token is unknown from the next request on.
                let ke = try #require(node.state.members[try MemberID("ke")])
                _ = try await node.submit(try fixture.forum.credentialAct(by: "ke", seq: ke.lastSequence + 1, [.revokeToken(label: "taxii")]))
                TAXIITest.expectError(try await client.taxii("collections/", as: "ke"), .unauthorized)
                TAXIITest.expectError(try await client.taxii("collections/\(group)/objects/", as: "ke"), .unauthorized)
                #expect(try await client.taxii("collections/", as: "fr").status == .ok)
            }
        }
    }

    // MARK: 3. Adding objects

    @Test(
        """
        POST objects: 202 with a status; the status is the submitter's alone; an exact duplicate is a success that adds no version; the same version \
        with other content fails
        """
    )
    func addObjects() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: try TAXIITest.members("ee", "fr"))
            let first = STIXText.newID()
            let second = STIXText.newID("malware")
            let firstObject = STIXText.object(id: first, markings: [TAXIITest.green])
            let secondObject = STIXText.object(type: "malware", id: second, modified: STIXText.t1, markings: [TAXIITest.green])

            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let entriesBefore = try await node.store.entryCount()
                let response = try await client.postEnvelope(collection, STIXText.envelope([firstObject, secondObject]), as: "ee")
                #expect(response.status == .accepted)
                #expect(response.headers[.contentType] == TAXIITest.media)
                let status = try response.taxiiDecode(TAXIIStatusBody.self)
                #expect(status.status == "complete")
                #expect(status.totalCount == 2)
                #expect(status.successCount == 2)
                #expect(status.failureCount == 0)
                #expect(status.failures == nil)
                #expect(status.pendingCount == 0)
                #expect(status.successes?.map(\.id) == [first, second])
                #expect(status.successes?.map(\.version) == [STIXText.t0, STIXText.t1])
                #expect(status.requestTimestamp.map(TAXIITest.isTAXIITimestamp) == true)
                #expect(try await TAXIITest.storedCount(node, collection) == 2)
                // One exchange act records both objects.
                #expect(try await node.store.entryCount() == entriesBefore + 1)

                // The status resource: its submitter reads it back; nobody else learns it exists.
                let fetched = try await client.taxii("status/\(status.id)/", as: "ee")
                #expect(fetched.status == .ok)
                #expect(fetched.headers[.contentType] == TAXIITest.media)
                let again = try fetched.taxiiDecode(TAXIIStatusBody.self)
                #expect(again.id == status.id)
                #expect(again.successCount == 2)
                #expect(again.successes?.map(\.id) == [first, second])
                TAXIITest.expectError(try await client.taxii("status/\(status.id)/", as: "fr"), .notFound)
                TAXIITest.expectError(try await client.taxii("status/\(status.id)/", as: "jp"), .notFound)
                TAXIITest.expectError(try await client.taxii("status/\(status.id)/"), .unauthorized)
                TAXIITest.expectError(try await client.taxii("status/\(UUID().uuidString.lowercased())/", as: "ee"), .notFound)

                // The exact same object again, even with other white space: a success, no new version, no act.
                let entriesAfterFirst = try await node.store.entryCount()
                let spaced = firstObject.replacingOccurrences(of: ",", with: ", ").replacingOccurrences(of: "\":", with: "\" : ")
                let duplicate = try await client.addObjects(collection, [firstObject], as: "ee")
                #expect(duplicate.successCount == 1)
                #expect(duplicate.failureCount == 0)
                #expect(duplicate.successes?.first?.id == first)
                let duplicateSpaced = try await client.addObjects(collection, [spaced], as: "ee")
                #expect(duplicateSpaced.successCount == 1)
                #expect(duplicateSpaced.failureCount == 0)
                // The same bytes from another member are a failure: the id is ee's (TAXIIOwnershipTests).
                let copied = try await client.addObjects(collection, [firstObject], as: "fr")
                #expect(copied.successCount == 0)
                #expect(copied.failureCount == 1)
                #expect(try await TAXIITest.storedCount(node, collection) == 2)
                #expect(try await node.store.entryCount() == entriesAfterFirst)
                let versions = try await client.taxii("collections/\(collection)/objects/\(first)/versions/", as: "ee")
                #expect(try versions.taxiiDecode(TAXIIVersionsBody.self).versions == [STIXText.t0])

                // The same id and version with other content is refused; the stored object stays as it was.
                let altered = STIXText.object(id: first, markings: [TAXIITest.green], name: "another name")
                let conflict = try await client.addObjects(collection, [altered], as: "ee")
                #expect(conflict.successCount == 0)
                #expect(conflict.failureCount == 1)
                #expect(conflict.failures?.first?.id == first)
                #expect(conflict.failures?.first?.version == STIXText.t0)
                #expect(conflict.failures?.first?.message?.isEmpty == false)
                #expect(try await TAXIITest.storedCount(node, collection) == 2)
                let stored = try await client.taxii("collections/\(collection)/objects/\(first)/", as: "ee")
                #expect(try stored.taxiiDecode(TAXIIEnvelopeBody.self).objects?.map(\.name) == ["sample"])

                // A new version of the same id is added.
                let newer = try await client.addObjects(
                    collection, [STIXText.object(id: first, modified: STIXText.t2, markings: [TAXIITest.green], name: "renamed")], as: "ee")
                #expect(newer.successCount == 1)
                #expect(try await TAXIITest.storedCount(node, collection) == 3)
            }
        }
    }

    @Test("POST objects: invalid STIX objects are failures with a message, the valid ones in the same envelope are added")
    func invalidObjectsAreFailures() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: try TAXIITest.members("ee"))
            let valid1 = STIXText.newID()
            let valid2 = STIXText.newID("identity")
            let noSpec = STIXText.newID()
            let backwards = STIXText.newID()
            let objects = [
                STIXText.object(id: valid1, markings: [TAXIITest.clear]),
                STIXText.object(id: "indicator--not-a-uuid"),
                STIXText.object(id: noSpec, specVersion: nil),
                STIXText.object(id: backwards, created: STIXText.t1, modified: STIXText.t0),
                STIXText.object(type: "identity", id: valid2, markings: [TAXIITest.green]),
            ]
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let status = try await client.addObjects(collection, objects, as: "ee")
                #expect(status.totalCount == 5)
                #expect(status.successCount == 2)
                #expect(status.successes?.map(\.id) == [valid1, valid2])
                #expect(status.failureCount == 3)
                let failures = status.failures ?? []
                #expect(failures.map(\.id) == ["indicator--not-a-uuid", noSpec, backwards])
                for failure in failures {
                    #expect(failure.message?.isEmpty == false, "no message for \(failure.id)")
                }
                let messages = Dictionary(failures.map { ($0.id, $0.message ?? "") }, uniquingKeysWith: { $1 })
                #expect(messages[noSpec]?.contains("spec_version") == true)
                #expect(messages[backwards]?.contains("modified") == true)

                #expect(try await TAXIITest.storedCount(node, collection) == 2)
                let read = try await client.taxii("collections/\(collection)/objects/", as: "ee")
                #expect(Set(try read.taxiiDecode(TAXIIEnvelopeBody.self).ids) == [valid1, valid2])

                // An envelope of nothing but invalid objects is a 422 that says why, and writes nothing.
                let entries = try await node.store.entryCount()
                let none = try await client.postEnvelope(collection, STIXText.envelope([STIXText.object(id: "indicator--0000")]), as: "ee")
                TAXIITest.expectError(none, .unprocessableContent)
                #expect(none.text.contains("indicator--0000"))
                #expect(try await node.store.entryCount() == entries)
                #expect(try await TAXIITest.storedCount(node, collection) == 2)
            }
        }
    }

    @Test("POST objects: what the TLP policy refuses (RED without recipients, recipients who are not members) is a 422 for the whole envelope")
    func policyRefusalsRefuseTheEnvelope() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: try TAXIITest.members("ee"))
            let redAlone = STIXText.newID()
            let strangers = STIXText.newID()
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let entries = try await node.store.entryCount()
                for (refused, reason) in [
                    (STIXText.object(id: redAlone, markings: [TAXIITest.red]), "x_roundtable_recipients"),
                    (STIXText.object(id: strangers, markings: [TAXIITest.amber], recipients: ["fr", "zz"]), "zz"),
                ] {
                    let envelope = STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.clear]), refused])
                    let response = try await client.postEnvelope(collection, envelope, as: "ee")
                    TAXIITest.expectError(response, .unprocessableContent)
                    #expect(response.text.contains(reason))
                    #expect(response.text.contains("nothing of this envelope was stored"))
                }
                #expect(try await node.store.entryCount() == entries)
                #expect(try await TAXIITest.storedCount(node, collection) == 0)
                // Named recipients who are members: accepted.
                let status = try await client.addObjects(
                    collection,
                    [STIXText.object(id: redAlone, markings: [TAXIITest.red], recipients: ["fr"])],
                    as: "ee"
                )
                #expect(status.successCount == 1)
            }
        }
    }

    @Test(
        """
        refused POSTs: not JSON 400, not an envelope 422, wrong Content-Type 415, unacceptable Accept 406, reader only 403, anonymous 401, no rights \
        404; nothing is stored
        """
    )
    func refusedPosts() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(
                node, alias: "intel", readers: try TAXIITest.members("ee", "ke"), writers: try TAXIITest.members("ee"))
            let publicFeed = try await TAXIITest.define(
                node,
                alias: "public-feed",
                readers: .all,
                writers: try TAXIITest.members("ee"),
                isPublic: true
            )
            let seed = STIXText.newID()
            let good = STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, [STIXText.object(id: seed, markings: [TAXIITest.clear])], as: "ee")
                let entries = try await node.store.entryCount()

                func expectRefused(
                    _ response: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation
                ) async throws {
                    TAXIITest.expectError(response, status, sourceLocation: sourceLocation)
                    #expect(try await TAXIITest.storedCount(node, collection) == 1, sourceLocation: sourceLocation)
                    #expect(try await node.store.entryCount() == entries, sourceLocation: sourceLocation)
                }

                for body in ["{\"objects\": [", "not json", "", "{\"objects\":[{\"type\":\"indicator\",}]}"] {
                    try await expectRefused(try await client.postEnvelope(collection, body, as: "ee"), .badRequest)
                }
                for body in ["[]", "{}", "{\"objects\": []}", "{\"objects\": {}}", "{\"objects\": \"x\"}", "[{\"objects\":[]}]", "42", "null"] {
                    try await expectRefused(try await client.postEnvelope(collection, body, as: "ee"), .unprocessableContent)
                }
                for contentType in ["application/json", "text/plain", "application/stix+json;version=2.1", "application/taxii+json;version=2.0"] {
                    try await expectRefused(
                        try await client.postEnvelope(collection, good, as: "ee", contentType: contentType),
                        .unsupportedMediaType
                    )
                }
                try await expectRefused(try await client.postEnvelope(collection, good, as: "ee", contentType: nil), .unsupportedMediaType)
                for accept in ["text/plain", "text/html", "application/json"] {
                    try await expectRefused(try await client.postEnvelope(collection, good, as: "ee", accept: accept), .notAcceptable)
                }
                try await expectRefused(try await client.postEnvelope(collection, good, as: "ke"), .forbidden)
                try await expectRefused(try await client.postEnvelope(collection, good, as: nil), .unauthorized)
                try await expectRefused(
                    try await client.taxii(
                        .post,
                        "collections/\(collection)/objects/",
                        authorization: TAXIITest.basic("ee", "nope"),
                        contentType: TAXIITest.media,
                        body: good
                    ),
                    .unauthorized)
                try await expectRefused(try await client.postEnvelope(collection, good, as: "jp"), .notFound)
                // Anonymous posting to a public collection still needs credentials.
                let anonymous = try await client.postEnvelope(publicFeed, good, as: nil)
                TAXIITest.expectError(anonymous, .unauthorized)
                #expect(try await TAXIITest.storedCount(node, publicFeed) == 0)
                try await expectRefused(try await client.postEnvelope(UUID().uuidString.lowercased(), good, as: "ee"), .notFound)

                // The bare TAXII media type is the latest version: accepted both ways.
                let bare = try await client.postEnvelope(
                    collection,
                    good,
                    as: "ee",
                    accept: "application/taxii+json",
                    contentType: "application/taxii+json"
                )
                #expect(bare.status == .accepted)
                #expect(try await TAXIITest.storedCount(node, collection) == 2)
            }
        }
    }

    @Test("a body over max_content_length is refused with 413 and nothing is stored; a body just under it is accepted")
    func bodyTooLarge() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            var configuration = TAXIITest.quiet
            configuration.maximumBodySize = 2_048
            try await withNode(node, configuration: configuration) { client in
                let root = try await client.taxii(TAXIITest.root)
                let limit = try root.taxiiDecode(TAXIIAPIRootBody.self).maxContentLength
                #expect(limit == 2_048)
                let padded = { (size: Int) -> String in
                    let object = STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green], name: "N")
                    let base = STIXText.envelope([object])
                    return base.replacingOccurrences(
                        of: "\"name\":\"N\"",
                        with: "\"name\":\"" + String(repeating: "n", count: size - base.utf8.count + 1) + "\""
                    )
                }
                let over = padded(limit + 1)
                #expect(over.utf8.count == limit + 1)
                let refused = try await client.postEnvelope(collection, over, as: "ee")
                #expect(refused.status == .contentTooLarge)
                #expect(try await TAXIITest.storedCount(node, collection) == 0)
                let huge = try await client.postEnvelope(collection, padded(10 * limit), as: "ee")
                #expect(huge.status == .contentTooLarge)
                #expect(try await TAXIITest.storedCount(node, collection) == 0)

                let under = padded(limit - 1)
                #expect(under.utf8.count == limit - 1)
                let accepted = try await client.postEnvelope(collection, under, as: "ee")
                #expect(accepted.status == .accepted)
                #expect(try await TAXIITest.storedCount(node, collection) == 1)
            }
        }
    }

    @Test(
        "the 413 for a body over max_content_length is a TAXII error message")
    func bodyTooLargeIsATAXIIError() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            var configuration = TAXIITest.quiet
            configuration.maximumBodySize = 1_024
            try await withNode(node, configuration: configuration) { client in
                let object = STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green], name: String(repeating: "n", count: 2_000))
                let refused = try await client.postEnvelope(collection, STIXText.envelope([object]), as: "ee")
                TAXIITest.expectError(refused, .contentTooLarge)
            }
        }
    }

    @Test(
        "concurrent POSTs of the same object by four members: one member's are successes, the others' fail, and one version is stored")
    func concurrentDuplicates() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let envelope = STIXText.envelope([STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green])])
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let outcomes = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status, Int?, Int?).self) { group in
                    for index in 0..<16 {
                        group.addTask {
                            let member = ["ee", "fr", "ke", "jp"][index % 4]
                            let response = try await client.postEnvelope(collection, envelope, as: member)
                            let status = try? response.taxiiDecode(TAXIIStatusBody.self)
                            return (member, response.status, status?.successCount, status?.failureCount)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // The member whose envelope committed first owns the id: its four posts succeed, the other twelve fail.
                #expect(outcomes.allSatisfy { $0.1 == .accepted })
                let successes = outcomes.filter { $0.2 == 1 && $0.3 == 0 }
                #expect(successes.count == 4)
                #expect(Set(successes.map(\.0)).count == 1)
                #expect(outcomes.filter { $0.2 == 0 && $0.3 == 1 }.count == 12)
                #expect(try await TAXIITest.storedCount(node, collection) == 1)
            }
        }
    }

    @Test(
        "concurrent POSTs: date_added follows the order the objects are committed, so a reader polling with added_after misses none")
    func concurrentDateAddedOrder() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<64 {
                        group.addTask {
                            let objects = (0..<(1 + index % 3)).map { _ in STIXText.object(id: STIXText.newID(), markings: [TAXIITest.green]) }
                            let response = try await client.postEnvelope(
                                collection,
                                STIXText.envelope(objects),
                                as: ["ee", "fr", "ke", "jp"][index % 4]
                            )
                            #expect(response.status == .accepted)
                        }
                    }
                    try await group.waitForAll()
                }
                let rows = try await node.store.objects(ExchangeQuery(collection: collection, versions: .all, limit: 10_000))
                #expect(rows.count == (0..<64).reduce(0) { $0 + 1 + $1 % 3 })
                // Ascending date_added must never go back in the log: an object committed later with an earlier date_added
                // is skipped by a reader who already paged past that date.
                let inversions = zip(rows, rows.dropFirst()).filter { $0.logIndex > $1.logIndex }.map {
                    "log index \($0.logIndex) before \($1.logIndex)"
                }
                #expect(inversions.count == 0, "objects committed after objects with a later date_added: \(inversions)")
            }
        }
    }

    // MARK: 4. Reading objects

    @Test(
        "GET objects: ascending date_added, distinct increasing date headers; limit pages follow next until more is false and bring every object once"
    )
    func pagingByLimit() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let ids = (0..<25).map { _ in STIXText.newID() }
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                let status = try await client.addObjects(collection, ids.map { STIXText.object(id: $0, markings: [TAXIITest.green]) }, as: "fr")
                #expect(status.successCount == 25)
                let path = "collections/\(collection)/objects/"

                // One page: all 25 in the order posted, each with its own date_added.
                let all = try await client.taxii(path, as: "ee")
                #expect(all.status == .ok)
                #expect(all.headers[.contentType] == TAXIITest.media)
                let envelope = try all.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(envelope.ids == ids)
                #expect(envelope.more == false)
                #expect(envelope.next == nil)
                let manifest = try await client.taxii("collections/\(collection)/manifest/", as: "ee").taxiiDecode(TAXIIManifestBody.self)
                let dates = (manifest.objects ?? []).map(\.dateAdded)
                #expect(manifest.ids == ids)
                #expect(dates.count == 25)
                #expect(dates.allSatisfy(TAXIITest.isTAXIITimestamp))
                #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 < $1 }, "date_added is not strictly increasing: \(dates)")
                let first = try #require(all.headers[TAXIITest.firstHeader])
                let last = try #require(all.headers[TAXIITest.lastHeader])
                #expect(TAXIITest.isTAXIITimestamp(first))
                #expect(first < last)
                #expect(first == dates.first)
                #expect(last == dates.last)

                // Pages of seven: 7, 7, 7, 4, every object exactly once, in order; each page's headers bound its objects.
                let pages = try await client.allPages(path, query: "limit=7", as: "ee")
                #expect(pages.map(\.count) == [7, 7, 7, 4])
                #expect(pages.flatMap { $0 } == ids)
                #expect(Set(pages.flatMap { $0 }).count == 25)

                let firstPage = try await client.taxii(path + "?limit=7", as: "ee")
                let firstEnvelope = try firstPage.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(firstEnvelope.more == true)
                let next = try #require(firstEnvelope.next)
                #expect(firstPage.headers[TAXIITest.firstHeader] == dates[0])
                #expect(firstPage.headers[TAXIITest.lastHeader] == dates[6])
                let secondPage = try await client.taxii(path + "?limit=7&next=\(next)", as: "ee")
                #expect(secondPage.headers[TAXIITest.firstHeader] == dates[7])
                #expect(secondPage.headers[TAXIITest.lastHeader] == dates[13])
                // next works in any parameter order.
                let reordered = try await client.taxii(path + "?next=\(next)&limit=7", as: "ee")
                #expect(try reordered.taxiiDecode(TAXIIEnvelopeBody.self).ids == Array(ids[7..<14]))

                // The manifest pages the same way.
                var manifestIDs: [String] = []
                var cursor: String?
                repeat {
                    let page = try await client.taxii(
                        "collections/\(collection)/manifest/?limit=10" + (cursor.map { "&next=\($0)" } ?? ""), as: "ee"
                    ).taxiiDecode(TAXIIManifestBody.self)
                    manifestIDs += page.ids
                    cursor = page.more == true ? page.next : nil
                } while cursor != nil && manifestIDs.count < 100
                #expect(manifestIDs == ids)

                // A limit larger than the collection: one page, no next.
                let wide = try await client.taxii(path + "?limit=1000", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(wide.ids == ids)
                #expect(wide.more == false)
                #expect(wide.next == nil)
            }
        }
    }

    @Test("added_after is exclusive and about date_added; after the last object the envelope is empty, without objects and date headers")
    func addedAfter() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let ids = (0..<6).map { _ in STIXText.newID() }
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                // Two envelopes: added_after crosses POSTs.
                _ = try await client.addObjects(collection, ids[0..<3].map { STIXText.object(id: $0, markings: [TAXIITest.green]) }, as: "ee")
                _ = try await client.addObjects(collection, ids[3...].map { STIXText.object(id: $0, markings: [TAXIITest.green]) }, as: "fr")
                let dates = try #require(
                    try await client.taxii("collections/\(collection)/manifest/", as: "ee").taxiiDecode(TAXIIManifestBody.self).objects?.map(
                        \.dateAdded
                    )
                )
                #expect(dates.count == 6)
                for (index, date) in dates.enumerated() {
                    let page = try await client.taxii("collections/\(collection)/objects/?added_after=\(date)", as: "ee")
                    #expect(page.status == .ok)
                    let envelope = try page.taxiiDecode(TAXIIEnvelopeBody.self)
                    #expect(envelope.ids == Array(ids[(index + 1)...]), "added_after the object \(index)")
                    if index == dates.count - 1 {
                        #expect(envelope.objects == nil)
                        #expect(envelope.more == false)
                        #expect(!page.text.contains("objects"))
                        #expect(page.headers[TAXIITest.firstHeader] == nil)
                        #expect(page.headers[TAXIITest.lastHeader] == nil)
                    } else {
                        #expect(page.headers[TAXIITest.firstHeader] == dates[index + 1])
                    }
                }
                // A moment before everything, and one in the far future; STIX times are not what it compares.
                let early = try await client.taxii("collections/\(collection)/objects/?added_after=2000-01-01T00:00:00Z", as: "ee")
                #expect(try early.taxiiDecode(TAXIIEnvelopeBody.self).ids == ids)
                let late = try await client.taxii("collections/\(collection)/objects/?added_after=2999-01-01T00:00:00.000000Z", as: "ee")
                #expect(try late.taxiiDecode(TAXIIEnvelopeBody.self).objects == nil)
                // added_after and limit together.
                let window = try await client.taxii("collections/\(collection)/objects/?added_after=\(dates[1])&limit=2", as: "ee")
                let windowEnvelope = try window.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(windowEnvelope.ids == Array(ids[2..<4]))
                #expect(windowEnvelope.more == true)
                let rest = try await client.taxii(
                    "collections/\(collection)/objects/?added_after=\(dates[1])&limit=2&next=\(try #require(windowEnvelope.next))", as: "ee")
                #expect(try rest.taxiiDecode(TAXIIEnvelopeBody.self).ids == Array(ids[4..<6]))
            }
        }
    }

    @Test("match[type], match[id], match[version] (first, last, all, exact) and match[spec_version] select the right objects and versions")
    func matchFilters() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let indicator = STIXText.newID()
            let malware = STIXText.newID("malware")
            let identity = STIXText.newID("identity")
            let versioned = STIXText.newID()
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: indicator, markings: [TAXIITest.green]),
                        STIXText.object(type: "malware", id: malware, markings: [TAXIITest.green]),
                        STIXText.object(type: "identity", id: identity, markings: [TAXIITest.green]),
                        STIXText.object(id: versioned, modified: STIXText.t0, markings: [TAXIITest.green]),
                    ], as: "ee")
                _ = try await client.addObjects(
                    collection,
                    [STIXText.object(id: versioned, modified: STIXText.t2, markings: [TAXIITest.green])],
                    as: "ee"
                )
                _ = try await client.addObjects(
                    collection,
                    [STIXText.object(id: versioned, modified: STIXText.t1, markings: [TAXIITest.green])],
                    as: "ee"
                )

                func objects(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [TAXIIObjectBody] {
                    let response = try await client.taxii("collections/\(collection)/objects/?\(query)", as: "ee")
                    #expect(response.status == .ok, "\(query): \(response.text)", sourceLocation: sourceLocation)
                    return try response.taxiiDecode(TAXIIEnvelopeBody.self).objects ?? []
                }

                #expect(try await objects("match[type]=malware").map(\.id) == [malware])
                #expect(Set(try await objects("match[type]=malware,identity").map(\.id)) == [malware, identity])
                #expect(try await objects("match[type]=attack-pattern").isEmpty)
                #expect(try await objects("match[type]=indicator").map(\.id).sorted() == [indicator, versioned].sorted())
                #expect(Set(try await objects("match[id]=\(indicator),\(identity)").map(\.id)) == [indicator, identity])
                #expect(try await objects("match[id]=\(STIXText.newID())").isEmpty)
                #expect(try await objects("match[id]=\(malware)&match[type]=indicator").isEmpty)

                // Versions: the default is the last (by version, not by date added).
                #expect(try await objects("match[id]=\(versioned)").map(\.modified) == [STIXText.t2])
                #expect(try await objects("match[id]=\(versioned)&match[version]=last").map(\.modified) == [STIXText.t2])
                #expect(try await objects("match[id]=\(versioned)&match[version]=first").map(\.modified) == [STIXText.t0])
                #expect(try await objects("match[id]=\(versioned)&match[version]=all").map(\.modified) == [STIXText.t0, STIXText.t2, STIXText.t1])
                #expect(try await objects("match[id]=\(versioned)&match[version]=\(STIXText.t1)").map(\.modified) == [STIXText.t1])
                #expect(
                    Set(try await objects("match[id]=\(versioned)&match[version]=\(STIXText.t0),\(STIXText.t2)").compactMap(\.modified))
                        == [STIXText.t0, STIXText.t2])
                // The same instant written with another precision.
                #expect(try await objects("match[id]=\(versioned)&match[version]=2026-03-02T10:00:00Z").map(\.modified) == [STIXText.t1])
                #expect(try await objects("match[id]=\(versioned)&match[version]=2026-03-04T10:00:00.000Z").isEmpty)
                // Without match[id], the last version of everything.
                #expect(try await objects("").count == 4)
                #expect(try await objects("match[version]=all").count == 6)

                #expect(try await objects("match[spec_version]=2.1").count == 4)
                #expect(try await objects("match[spec_version]=2.0").isEmpty)
                #expect(try await objects("match[spec_version]=2.0,2.1&match[type]=malware").map(\.id) == [malware])

                // The manifest takes the same filters.
                let manifest = try await client.taxii("collections/\(collection)/manifest/?match[id]=\(versioned)&match[version]=all", as: "ee")
                #expect(try manifest.taxiiDecode(TAXIIManifestBody.self).objects?.map(\.version) == [STIXText.t0, STIXText.t2, STIXText.t1])
                let typed = try await client.taxii("collections/\(collection)/manifest/?match[type]=identity", as: "ee")
                #expect(try typed.taxiiDecode(TAXIIManifestBody.self).ids == [identity])
            }
        }
    }

    @Test("match[…] filters work when the brackets are percent-encoded, as taxii2-client (Python requests) sends them")
    func percentEncodedFilterNames() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let indicator = STIXText.newID()
            let malware = STIXText.newID("malware")
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: indicator, markings: [TAXIITest.green]),
                        STIXText.object(type: "malware", id: malware, markings: [TAXIITest.green]),
                    ],
                    as: "ee")
                let encoded = try await client.taxii("collections/\(collection)/objects/?match%5Btype%5D=malware", as: "ee")
                #expect(encoded.status == .ok)
                #expect(try encoded.taxiiDecode(TAXIIEnvelopeBody.self).ids == [malware])
                let encodedID = try await client.taxii("collections/\(collection)/manifest/?match%5Bid%5D=\(indicator)", as: "ee")
                #expect(try encodedID.taxiiDecode(TAXIIManifestBody.self).ids == [indicator])
                let malformed = try await client.taxii("collections/\(collection)/objects/?match%5Bversion%5D=sometimes", as: "ee")
                TAXIITest.expectError(malformed, .badRequest)
            }
        }
    }

    @Test("malformed filters are 400 TAXII errors on every read endpoint")
    func malformedFilters() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let id = STIXText.newID()
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, [STIXText.object(id: id, markings: [TAXIITest.green])], as: "ee")
                let malformed = [
                    "limit=0", "limit=-1", "limit=abc", "limit=", "limit=1.5", "limit=+3", "added_after=yesterday",
                    "added_after=2026-03-01", "added_after=2026-03-01T10:00:00+01:00", "added_after=", "match[version]=sometimes",
                    "match[version]=first,last", "match[version]=", "match[type]=", "match[type]=indicator,", "limit=5&limit=6",
                    "added_after=2026-03-01T10:00:00Z&added_after=2026-03-02T10:00:00Z", "match[type]=indicator&match[type]=malware",
                ]
                let endpoints = [
                    "collections/\(collection)/objects/", "collections/\(collection)/manifest/", "collections/\(collection)/objects/\(id)/",
                    "collections/\(collection)/objects/\(id)/versions/",
                ]
                for endpoint in endpoints {
                    for query in malformed {
                        // The object endpoints do not take match[type]; a malformed one is refused either way.
                        let response = try await client.taxii(endpoint + "?" + query, as: "ee")
                        #expect(response.status == .badRequest, "\(endpoint)?\(query) answered \(response.status)")
                        TAXIITest.expectError(response, .badRequest)
                    }
                }
                // Well-formed ones still work.
                let fine = try await client.taxii("collections/\(collection)/objects/?limit=1&added_after=2026-03-01T10:00:00.123456Z", as: "ee")
                #expect(fine.status == .ok)
            }
        }
    }

    @Test("next: forged, tampered or issued for another query is a 400; a next survives a restart of the node on the same SQLite file")
    func nextTokens() async throws {
        try await TAXIITestForum.withOpenForum { fixture, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let other = try await TAXIITest.define(node, alias: "other", readers: .all, writers: .all)
            let ids = (0..<12).map { index in STIXText.newID(index % 2 == 0 ? "indicator" : "malware") }
            let objects = ids.map { id in STIXText.object(type: String(id.prefix { $0 != "-" }), id: id, markings: [TAXIITest.green]) }
            let path = "collections/\(collection)/objects/"
            let next = try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, objects, as: "ee")
                _ = try await client.addObjects(other, objects, as: "ee")
                let first = try await client.taxii(path + "?limit=5&match[type]=indicator", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(first.ids == [ids[0], ids[2], ids[4], ids[6], ids[8]])
                let next = try #require(first.next)
                #expect(first.more == true)

                // Forged and damaged tokens.
                var tampered = Array(next)
                tampered[tampered.count / 2] = tampered[tampered.count / 2] == "A" ? "B" : "A"
                var tamperedEnd = Array(next)
                tamperedEnd[tamperedEnd.count - 1] = tamperedEnd[tamperedEnd.count - 1] == "A" ? "B" : "A"
                let forged = Data((0..<24).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
                for token in [
                    String(tampered), String(tamperedEnd), forged, "abc", "", String(next.dropLast()), next + "AAAA",
                    String(repeating: "A", count: 200),
                ] {
                    let response = try await client.taxii(path + "?limit=5&match[type]=indicator&next=\(token)", as: "ee")
                    TAXIITest.expectError(response, .badRequest)
                }
                // The genuine token, but another query: other filters, other limit, other endpoint, other collection.
                for uri in [
                    path + "?limit=5&match[type]=malware&next=\(next)",
                    path + "?limit=5&next=\(next)",
                    path + "?limit=6&match[type]=indicator&next=\(next)",
                    "collections/\(collection)/manifest/?limit=5&match[type]=indicator&next=\(next)",
                    "collections/\(other)/objects/?limit=5&match[type]=indicator&next=\(next)",
                    "collections/\(collection)/objects/\(ids[0])/versions/?limit=5&next=\(next)",
                ] {
                    TAXIITest.expectError(try await client.taxii(uri, as: "ee"), .badRequest)
                }
                // The genuine token with its own query.
                let second = try await client.taxii(path + "?limit=5&match[type]=indicator&next=\(next)", as: "ee").taxiiDecode(
                    TAXIIEnvelopeBody.self
                )
                #expect(second.ids == [ids[10]])
                #expect(second.more == false)
                return next
            }

            // A second node on the same file honours the token: the cursor secret is kept with the record.
            let reopened = try await fixture.forum.open(on: try SQLiteForumStore(path: fixture.path))
            #expect(reopened.state.collections[collection] != nil)
            try await withNode(reopened, configuration: TAXIITest.quiet) { client in
                let resumed = try await client.taxii(path + "?limit=5&match[type]=indicator&next=\(next)", as: "ee")
                #expect(resumed.status == .ok, "\(resumed.text)")
                let envelope = try resumed.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(envelope.ids == [ids[10]])
                #expect(envelope.more == false)
                // And new objects after the restart come after the old ones.
                let late = STIXText.newID()
                _ = try await client.addObjects(collection, [STIXText.object(id: late, markings: [TAXIITest.green])], as: "fr")
                let again = try await client.taxii(path + "?limit=5&match[type]=indicator&next=\(next)", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(again.ids == [ids[10], late])
            }
        }
    }

    // MARK: 5. Manifest, versions and object by id

    @Test(
        """
        manifest records, the versions of a three-version object, object by id (last version by default, all with match[version]=all), unknown id \
        404
        """
    )
    func manifestVersionsAndObject() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            let collection = try await TAXIITest.define(node, alias: "intel", readers: .all, writers: .all)
            let versioned = STIXText.newID()
            let single = STIXText.newID("malware")
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(collection, [STIXText.object(id: versioned, markings: [TAXIITest.green])], as: "ee")
                _ = try await client.addObjects(collection, [STIXText.object(type: "malware", id: single, markings: [TAXIITest.green])], as: "ee")
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: versioned, modified: STIXText.t1, markings: [TAXIITest.green]),
                        STIXText.object(id: versioned, modified: STIXText.t2, markings: [TAXIITest.green]),
                    ], as: "ee")

                // Manifest: one record per object (its last version), ascending by date_added.
                let manifestResponse = try await client.taxii("collections/\(collection)/manifest/", as: "ee")
                #expect(manifestResponse.status == .ok)
                #expect(manifestResponse.headers[.contentType] == TAXIITest.media)
                let manifest = try manifestResponse.taxiiDecode(TAXIIManifestBody.self)
                let records = manifest.objects ?? []
                #expect(records.map(\.id) == [single, versioned])
                #expect(records.map(\.version) == [STIXText.t0, STIXText.t2])
                #expect(records.allSatisfy { $0.mediaType == TAXIITest.stixMedia })
                #expect(records.allSatisfy { TAXIITest.isTAXIITimestamp($0.dateAdded) })
                #expect(manifest.more == false)
                #expect(manifestResponse.headers[TAXIITest.firstHeader] == records.first?.dateAdded)
                #expect(manifestResponse.headers[TAXIITest.lastHeader] == records.last?.dateAdded)
                let allRecords = try await client.taxii("collections/\(collection)/manifest/?match[version]=all", as: "ee").taxiiDecode(
                    TAXIIManifestBody.self
                )
                #expect(allRecords.objects?.map(\.version) == [STIXText.t0, STIXText.t0, STIXText.t1, STIXText.t2])

                // Versions.
                let versionsResponse = try await client.taxii("collections/\(collection)/objects/\(versioned)/versions/", as: "ee")
                #expect(versionsResponse.status == .ok)
                #expect(versionsResponse.headers[.contentType] == TAXIITest.media)
                let versions = try versionsResponse.taxiiDecode(TAXIIVersionsBody.self)
                #expect(Set(versions.versions ?? []) == [STIXText.t0, STIXText.t1, STIXText.t2])
                #expect(versions.versions?.count == 3)
                #expect(versions.more == false)
                #expect(versionsResponse.headers[TAXIITest.firstHeader] != nil)
                #expect(versionsResponse.headers[TAXIITest.lastHeader] != nil)
                #expect(versionsResponse.headers[TAXIITest.firstHeader] != versionsResponse.headers[TAXIITest.lastHeader])
                let pagedVersions = try await client.taxii("collections/\(collection)/objects/\(versioned)/versions/?limit=2", as: "ee")
                    .taxiiDecode(TAXIIVersionsBody.self)
                #expect(pagedVersions.versions?.count == 2)
                #expect(pagedVersions.more == true)
                let restVersions = try await client.taxii(
                    "collections/\(collection)/objects/\(versioned)/versions/?limit=2&next=\(try #require(pagedVersions.next))", as: "ee"
                ).taxiiDecode(TAXIIVersionsBody.self)
                #expect(Set((pagedVersions.versions ?? []) + (restVersions.versions ?? [])) == [STIXText.t0, STIXText.t1, STIXText.t2])
                #expect(restVersions.more == false)
                let singleVersions = try await client.taxii("collections/\(collection)/objects/\(single)/versions/", as: "ee")
                #expect(try singleVersions.taxiiDecode(TAXIIVersionsBody.self).versions == [STIXText.t0])

                // Object by id.
                let objectResponse = try await client.taxii("collections/\(collection)/objects/\(versioned)/", as: "ee")
                #expect(objectResponse.status == .ok)
                #expect(objectResponse.headers[.contentType] == TAXIITest.media)
                #expect(objectResponse.headers[TAXIITest.firstHeader] != nil)
                let object = try objectResponse.taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(object.ids == [versioned])
                #expect(object.objects?.map(\.modified) == [STIXText.t2])
                let everyVersion = try await client.taxii("collections/\(collection)/objects/\(versioned)/?match[version]=all", as: "ee")
                    .taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(everyVersion.ids == [versioned, versioned, versioned])
                #expect(Set(everyVersion.objects?.compactMap(\.modified) ?? []) == [STIXText.t0, STIXText.t1, STIXText.t2])
                let firstVersion = try await client.taxii("collections/\(collection)/objects/\(versioned)/?match[version]=first", as: "ee")
                    .taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(firstVersion.objects?.map(\.modified) == [STIXText.t0])
                let exact = try await client.taxii("collections/\(collection)/objects/\(versioned)/?match[version]=\(STIXText.t1)", as: "ee")
                    .taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(exact.objects?.map(\.modified) == [STIXText.t1])
                // The object is served as posted, byte for byte (compact).
                let raw = try await client.taxii("collections/\(collection)/objects/\(single)/", as: "ee")
                #expect(raw.text == "{\"more\":false,\"objects\":[\(STIXText.object(type: "malware", id: single, markings: [TAXIITest.green]))]}")

                // Unknown ids.
                let unknown = STIXText.newID()
                TAXIITest.expectError(try await client.taxii("collections/\(collection)/objects/\(unknown)/", as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii("collections/\(collection)/objects/\(unknown)/versions/", as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii("collections/\(collection)/objects/not-an-id/", as: "ee"), .notFound)
            }
        }
    }

    // MARK: 6. Delete

    @Test(
        """
        DELETE needs read and write: (T,T) removes the object from reads and the manifest, (T,F) and (F,T) 403, (F,F) 404; unknown and unreadable \
        objects 404
        """
    )
    func delete() async throws {
        try await TAXIITestForum.withOpenForum { _, node in
            // ee reads and writes, ke only reads, fr only writes, jp neither.
            let collection = try await TAXIITest.define(
                node, alias: "intel", readers: try TAXIITest.members("ee", "ke"), writers: try TAXIITest.members("ee", "fr"))
            let target = STIXText.newID()
            let keep = STIXText.newID()
            let twoVersions = STIXText.newID()
            let secret = STIXText.newID()
            try await withNode(node, configuration: TAXIITest.quiet) { client in
                _ = try await client.addObjects(
                    collection,
                    [
                        STIXText.object(id: target, markings: [TAXIITest.green]), STIXText.object(id: keep, markings: [TAXIITest.green]),
                        STIXText.object(id: twoVersions, markings: [TAXIITest.green]),
                        STIXText.object(id: twoVersions, modified: STIXText.t1, markings: [TAXIITest.green]),
                    ], as: "ee")
                // fr may write but not read; its RED object names ke: ee may not read it.
                _ = try await client.addObjects(collection, [STIXText.object(id: secret, markings: [TAXIITest.red], recipients: ["ke"])], as: "fr")
                #expect(try await TAXIITest.storedCount(node, collection) == 5)
                let objectPath = "collections/\(collection)/objects/\(target)/"

                TAXIITest.expectError(try await client.taxii(.delete, objectPath, as: "ke"), .forbidden)
                TAXIITest.expectError(try await client.taxii(.delete, objectPath, as: "fr"), .forbidden)
                TAXIITest.expectError(try await client.taxii(.delete, objectPath, as: "jp"), .notFound)
                TAXIITest.expectError(try await client.taxii(.delete, objectPath), .unauthorized)
                TAXIITest.expectError(try await client.taxii(.delete, objectPath, authorization: TAXIITest.basic("ee", "nope")), .unauthorized)
                TAXIITest.expectError(try await client.taxii(.delete, "collections/\(collection)/objects/\(STIXText.newID())/", as: "ee"), .notFound)
                TAXIITest.expectError(
                    try await client.taxii(.delete, "collections/\(UUID().uuidString.lowercased())/objects/\(target)/", as: "ee"),
                    .notFound
                )
                // An object ee may not read is as absent for deletion as for reading.
                TAXIITest.expectError(try await client.taxii(.delete, "collections/\(collection)/objects/\(secret)/", as: "ee"), .notFound)
                #expect(try await TAXIITest.storedCount(node, collection) == 5)

                let entries = try await node.store.entryCount()
                let deleted = try await client.taxii(.delete, objectPath, as: "ee")
                #expect(deleted.status == .ok)
                #expect(deleted.body.readableBytes == 0)
                #expect(try await node.store.entryCount() == entries + 1)
                #expect(try await TAXIITest.storedCount(node, collection) == 4)

                TAXIITest.expectError(try await client.taxii(objectPath, as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii(objectPath + "versions/", as: "ee"), .notFound)
                TAXIITest.expectError(try await client.taxii(objectPath, as: "ke"), .notFound)
                let manifest = try await client.taxii("collections/\(collection)/manifest/", as: "ee").taxiiDecode(TAXIIManifestBody.self)
                #expect(!manifest.ids.contains(target))
                #expect(manifest.ids.contains(keep))
                let manifestAll = try await client.taxii("collections/\(collection)/manifest/?match[version]=all", as: "ke").taxiiDecode(
                    TAXIIManifestBody.self
                )
                #expect(!manifestAll.ids.contains(target))
                let objects = try await client.taxii("collections/\(collection)/objects/", as: "ee").taxiiDecode(TAXIIEnvelopeBody.self)
                #expect(!objects.ids.contains(target))
                // Deleting again: it is gone.
                TAXIITest.expectError(try await client.taxii(.delete, objectPath, as: "ee"), .notFound)

                // match[version] deletes one version only.
                let oneVersion = try await client.taxii(
                    .delete,
                    "collections/\(collection)/objects/\(twoVersions)/?match[version]=\(STIXText.t0)",
                    as: "ee"
                )
                #expect(oneVersion.status == .ok)
                let remaining = try await client.taxii("collections/\(collection)/objects/\(twoVersions)/versions/", as: "ee")
                #expect(try remaining.taxiiDecode(TAXIIVersionsBody.self).versions == [STIXText.t1])
                let firstNow = try await client.taxii("collections/\(collection)/objects/\(twoVersions)/?match[version]=first", as: "ee")
                #expect(try firstNow.taxiiDecode(TAXIIEnvelopeBody.self).objects?.map(\.modified) == [STIXText.t1])
                #expect(try await TAXIITest.storedCount(node, collection) == 3)
            }
        }
    }
}
