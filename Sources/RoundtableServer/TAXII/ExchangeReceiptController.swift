import Foundation
public import Hummingbird
import RoundtableAPI
public import RoundtableNode
public import RoundtableDomain
import RoundtableExchange
import TransparencyLog

/// `GET /api/v1/exchange/{collection}/{object-id}/receipt`: what a reader needs to prove that an object version it
/// may read is in the log — the object's exact bytes, the line of the `exchange` act that records it, the salt of a
/// sealed line, and where the act and its inclusion receipt are. HTTP Basic, as TAXII.
public struct ExchangeReceiptController<Store: ForumStore>: Sendable {
    /// The forum.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds the route to the `/api/v1` group.
    public func addRoutes(api: RouterGroup<some RequestContext>) {
        api.get("exchange/:collection/:object/receipt", use: receipt)
    }

    @Sendable func receipt(_ request: Request, context: some RequestContext) async throws -> API.ExchangeReceipt {
        let reader = try TAXIIReader.reader(request, state: forum.state)
        let collectionID = try context.parameters.require("collection")
        let objectID = try context.parameters.require("object")
        guard let collection = forum.state.collections[collectionID], collection.canRead(reader) else {
            throw TAXIIError.notFound("no collection \(collectionID)")
        }
        var versions = VersionMatch.last
        if let text = request.uri.queryParameters["version"].map(String.init) {
            guard let version = STIXTimestamp(text) else { throw TAXIIError.badRequest("version must be a STIX timestamp") }
            versions = .exact([version.microseconds])
        }
        let rows = try await forum.exchange.page(
            ExchangeQuery(collection: collection.id, objectIDs: [objectID], versions: versions, limit: 1), reader: collection.view(of: reader),
            collection: collection, limit: 1
        ).objects
        guard let row = rows.first else { throw TAXIIError.notFound("the collection holds no object \(objectID) that you may read") }
        let version = row.version.isEmpty ? "-" : row.version
        let line = row.lineText(.add, by: row.submitter)
        return API.ExchangeReceipt(
            collection: collection.id, objectID: row.objectID, version: version, object: String(decoding: row.json, as: UTF8.self), line: line,
            salt: row.salt.map { Hex.encode($0) }, logIndex: row.logIndex)
    }
}
