import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
public import RoundtableDomain
import RoundtableExchange
import RoundtableJSON
public import RoundtableNode

/// The TAXII 2.1 server: discovery at `/taxii2/`, one API root at `/taxii2/forum/`, and its status, collections,
/// manifest, objects, object and versions endpoints (TAXII 2.1 §4–5), under the forum's membership and TLP 2.0 policy
/// (docs/exchange.md).
public struct TAXIIController<Store: ForumStore>: Sendable {
    /// The forum.
    public let forum: ForumNode<Store>
    /// The largest envelope accepted (`max_content_length`).
    public let maximumContentLength: Int
    /// The exchange's rules.
    var exchange: ForumExchange<Store> { forum.exchange }
    var cursor: PageCursor { forum.exchange.cursor }

    static var apiRoot: String { "/taxii2/forum/" }

    /// Creates the controller.
    public init(forum: ForumNode<Store>, maximumContentLength: Int) {
        self.forum = forum
        self.maximumContentLength = maximumContentLength
    }

    /// Adds the routes to the router's root.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.get("taxii2/", use: discovery)
        let root = router.group("taxii2/forum")
        root.get("/", use: apiRootResource)
        root.get("status/:status/", use: status)
        root.get("collections/", use: collections)
        root.get("collections/:collection/", use: collection)
        root.get("collections/:collection/manifest/", use: manifest)
        root.get("collections/:collection/objects/", use: objects)
        root.post("collections/:collection/objects/", use: add)
        root.get("collections/:collection/objects/:object/", use: object)
        root.delete("collections/:collection/objects/:object/", use: delete)
        root.get("collections/:collection/objects/:object/versions/", use: versions)
    }

    // MARK: Resources

    @Sendable func discovery(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        _ = try TAXIIReader.reader(request, state: forum.state)
        return Self.json(
            .object([
                ("title", .string("\(forum.state.name) — TAXII")),
                ("description", .string("The exchange of the Roundtable forum \(forum.state.origin): STIX 2.1 over TAXII 2.1, TLP 2.0 enforced")),
                ("default", .string(Self.apiRoot)), ("api_roots", .array([.string(Self.apiRoot)])),
            ]))
    }

    @Sendable func apiRootResource(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        _ = try TAXIIReader.reader(request, state: forum.state)
        return Self.json(
            .object([
                ("title", .string(forum.state.name)), ("versions", .array([.string(TAXIIMedia.taxii)])),
                ("max_content_length", .number(String(maximumContentLength))),
            ]))
    }

    @Sendable func status(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        let member = try TAXIIReader.member(request, state: forum.state)
        let id = try context.parameters.require("status")
        guard let bytes = try await exchange.status(id, of: member) else { throw TAXIIError.notFound("no status \(id)") }
        return Self.json(bytes: bytes)
    }

    @Sendable func collections(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        let reader = try TAXIIReader.reader(request, state: forum.state)
        let visible = forum.state.collections.values.filter { $0.canRead(reader) || $0.canWrite(reader) }.sorted { $0.alias < $1.alias }
        let members: [(key: String, value: JSONValue)] = visible.isEmpty ? [] : [("collections", .array(visible.map { Self.resource($0, reader) }))]
        return Self.json(.object(members))
    }

    @Sendable func collection(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        let (collection, reader) = try lookup(request, context)
        return Self.json(Self.resource(collection, reader))
    }

    @Sendable func manifest(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept], stixToo: true)
        let (collection, reader) = try readable(request, context)
        let filters = try TAXIIFilters(request, allowed: TAXIIFilters.listFilters)
        let (page, next) = try await self.page(filters, collection, reader, endpoint: "manifest")
        let records: [JSONValue] = page.objects.map { row in
            .object([
                ("id", .string(row.objectID)), ("date_added", .string(TAXIITimestamp.text(row.dateAdded))),
                ("version", .string(row.taxiiVersion)), ("media_type", .string(TAXIIMedia.stix)),
            ])
        }
        return Self.listing(page, next: next, key: "objects", items: records)
    }

    @Sendable func objects(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept], stixToo: true)
        let (collection, reader) = try readable(request, context)
        let filters = try TAXIIFilters(request, allowed: TAXIIFilters.listFilters)
        let (page, next) = try await self.page(filters, collection, reader, endpoint: "objects")
        return Self.envelope(page, next: next)
    }

    @Sendable func object(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept], stixToo: true)
        let (collection, reader) = try readable(request, context)
        let id = try context.parameters.require("object")
        let filters = try TAXIIFilters(request, allowed: ["added_after", "limit", "next", "match[version]", "match[spec_version]"])
        let (page, next) = try await self.page(filters, collection, reader, endpoint: "object \(id)", objectIDs: [id])
        if page.objects.isEmpty, filters.next == nil, filters.addedAfter == nil, try await visibleVersions(id, collection, reader).isEmpty {
            throw TAXIIError.notFound("the collection holds no object \(id) that you may read")
        }
        return Self.envelope(page, next: next)
    }

    @Sendable func versions(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        let (collection, reader) = try readable(request, context)
        let id = try context.parameters.require("object")
        var filters = try TAXIIFilters(request, allowed: ["added_after", "limit", "next", "match[spec_version]"], defaultVersions: .all)
        filters.versions = .all
        let (page, next) = try await self.page(filters, collection, reader, endpoint: "versions \(id)", objectIDs: [id])
        guard !page.objects.isEmpty || filters.next != nil || filters.addedAfter != nil else {
            throw TAXIIError.notFound("the collection holds no object \(id) that you may read")
        }
        return Self.listing(page, next: next, key: "versions", items: page.objects.map { .string($0.taxiiVersion) })
    }

    @Sendable func add(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        try TAXIIMedia.checkContentType(request.headers[.contentType])
        let (collection, reader) = try lookup(request, context)
        guard case .member(let member) = reader else {
            throw TAXIIError(.unauthorized, "Unauthorized", "adding objects needs a member's credentials", headers: TAXIIReader.challenge)
        }
        guard collection.canWrite(reader) else {
            throw collection.canRead(reader)
                ? TAXIIError(.forbidden, "Forbidden", "you may read this collection but not add to it")
                : TAXIIError.notFound("no collection \(collection.id)")
        }
        let body = try await RequestBody.collect(request, declaredLimit: maximumContentLength, readLimit: maximumContentLength) { _ in
            TAXIIError(.contentTooLarge, "Too large", "an envelope is at most \(maximumContentLength) bytes (max_content_length)")
        }
        let envelope: JSONValue
        do { envelope = try JSONParser.parse(Array(buffer: body)) } catch { throw TAXIIError.badRequest("the body is not JSON: \(error)") }
        guard let objects = envelope["objects"]?.array, envelope.members != nil, !objects.isEmpty else {
            throw TAXIIError(.unprocessableContent, "Not an envelope", "send a TAXII envelope: {\"objects\": [ …STIX objects… ]}")
        }
        let status = try await exchange.add(objects, to: collection, by: member, statusID: UUID().uuidString.lowercased())
        var response = Self.json(bytes: status)
        response.status = .accepted
        return response
    }

    @Sendable func delete(_ request: Request, context: some RequestContext) async throws -> Response {
        try TAXIIMedia.checkAccept(request.headers[.accept])
        let (collection, reader) = try lookup(request, context)
        switch (collection.canRead(reader), collection.canWrite(reader)) {
        case (true, true): break
        case (false, false): throw TAXIIError.notFound("no collection \(collection.id)")
        default: throw TAXIIError(.forbidden, "Forbidden", "deleting needs both read and write access to the collection")
        }
        guard case .member(let member) = reader else { throw TAXIIError.notFound("no collection \(collection.id)") }
        let id = try context.parameters.require("object")
        let filters = try TAXIIFilters(request, allowed: ["match[version]", "match[spec_version]"], defaultVersions: .all)
        var query = filters.query(collection: collection.id, after: nil, objectIDs: [id])
        query.limit = 10_000
        let rows = try await exchange.page(query, reader: reader, collection: collection, limit: 10_000).objects
        guard !rows.isEmpty else { throw TAXIIError.notFound("the collection holds no object \(id) that you may read") }
        try await exchange.delete(rows, from: collection, by: member)
        return Response(status: .ok)
    }

    // MARK: Helpers

    private func lookup(_ request: Request, _ context: some RequestContext) throws -> (CollectionDefinition, TLPPolicy.Reader) {
        let reader = try TAXIIReader.reader(request, state: forum.state)
        let id = try context.parameters.require("collection")
        guard let collection = forum.state.collections[id] ?? forum.state.collections.values.first(where: { $0.alias == id }),
            collection.canRead(reader) || collection.canWrite(reader)
        else {
            if reader == .anonymous, forum.state.collections[id] != nil || forum.state.collections.values.contains(where: { $0.alias == id }) {
                throw TAXIIError(.unauthorized, "Unauthorized", "this collection needs a member's credentials", headers: TAXIIReader.challenge)
            }
            throw TAXIIError.notFound("no collection \(id)")
        }
        return (collection, reader)
    }

    /// The collection and whom to read it as (``CollectionDefinition/view(of:)``).
    private func readable(_ request: Request, _ context: some RequestContext) throws -> (CollectionDefinition, TLPPolicy.Reader) {
        let (collection, reader) = try lookup(request, context)
        guard collection.canRead(reader) else { throw TAXIIError(.forbidden, "Forbidden", "you may add to this collection but not read it") }
        return (collection, collection.view(of: reader))
    }

    private func page(
        _ filters: TAXIIFilters, _ collection: CollectionDefinition, _ reader: TLPPolicy.Reader, endpoint: String, objectIDs: Set<String>? = nil
    ) async throws -> (ForumExchange<Store>.Page, String?) {
        let bound = PageCursor.query(collection: collection.id, endpoint: endpoint, filters: filters.bound)
        var position: Int64?
        if let next = filters.next {
            guard let resumed = cursor.position(next, query: bound) else {
                throw TAXIIError.badRequest("the next token is not one this server issued for this query; start again without next")
            }
            position = resumed
        }
        let page = try await exchange.page(
            filters.query(collection: collection.id, after: position, objectIDs: objectIDs), reader: reader, collection: collection,
            limit: filters.limit)
        let next = page.more ? page.objects.last.map { cursor.token(after: $0.dateAdded, query: bound) } : nil
        return (page, next)
    }

    private func visibleVersions(_ id: String, _ collection: CollectionDefinition, _ reader: TLPPolicy.Reader) async throws -> [ExchangeObjectRecord]
    {
        try await exchange.page(
            ExchangeQuery(collection: collection.id, objectIDs: [id], versions: .all, limit: 1), reader: reader, collection: collection, limit: 1
        ).objects
    }

    private static func resource(_ collection: CollectionDefinition, _ reader: TLPPolicy.Reader) -> JSONValue {
        .object([
            ("id", .string(collection.id)), ("title", .string(collection.title)), ("alias", .string(collection.alias)),
            ("can_read", .bool(collection.canRead(reader))), ("can_write", .bool(collection.canWrite(reader))),
            ("media_types", .array([.string(TAXIIMedia.stix)])),
        ])
    }

    private static func envelope(_ page: ForumExchange<Store>.Page, next: String?) -> Response {
        // The stored bytes of each object go straight into the response buffer.
        var out = ByteBuffer()
        out.reserveCapacity(page.objects.reduce(64) { $0 + $1.json.count + 1 })
        out.writeString("{\"more\":\(page.more)")
        if let next {
            out.writeString(",\"next\":")
            out.writeBytes(JSONValue.string(next).serialized)
        }
        if !page.objects.isEmpty {
            out.writeString(",\"objects\":[")
            for (offset, row) in page.objects.enumerated() {
                if offset > 0 { out.writeInteger(UInt8(ascii: ",")) }
                out.writeBytes(row.json)
            }
            out.writeInteger(UInt8(ascii: "]"))
        }
        out.writeInteger(UInt8(ascii: "}"))
        let headers: HTTPFields = [.contentType: TAXIIMedia.taxii, .eTag: EntityTag.envelope(page.objects, more: page.more, next: next)]
        return withDateHeaders(Response(status: .ok, headers: headers, body: .init(byteBuffer: out)), page)
    }

    private static func listing(_ page: ForumExchange<Store>.Page, next: String?, key: String, items: [JSONValue]) -> Response {
        var members: [(key: String, value: JSONValue)] = [("more", .bool(page.more))]
        if let next { members.append(("next", .string(next))) }
        if !items.isEmpty { members.append((key, .array(items))) }
        return withDateHeaders(json(.object(members)), page)
    }

    private static func withDateHeaders(_ response: Response, _ page: ForumExchange<Store>.Page) -> Response {
        var response = response
        if let first = page.objects.first, let last = page.objects.last {
            response.headers[HTTPField.Name("X-TAXII-Date-Added-First")!] = TAXIITimestamp.text(first.dateAdded)
            response.headers[HTTPField.Name("X-TAXII-Date-Added-Last")!] = TAXIITimestamp.text(last.dateAdded)
        }
        return response
    }

    private static func json(_ value: JSONValue) -> Response { json(bytes: value.serialized) }

    private static func json(bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: TAXIIMedia.taxii], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
