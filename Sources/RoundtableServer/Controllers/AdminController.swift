import Foundation
import HTTPTypes
public import Hummingbird
import RoundtableAPI
public import RoundtableNode
import NIOCore
public import RoundtableDomain

/// `POST /api/v1/admin/collections`: the operator defines an exchange collection, recorded in the log as an act of
/// the node. Authenticated with the operator's token (`admin.token` in the data directory), never a member's.
public struct AdminController<Store: ForumStore>: Sendable {
    /// The forum.
    public let forum: ForumNode<Store>
    /// The SHA-256 of the operator's token.
    public let tokenDigest: [UInt8]

    /// Creates the controller.
    public init(forum: ForumNode<Store>, tokenDigest: [UInt8]) {
        self.forum = forum
        self.tokenDigest = tokenDigest
    }

    /// Adds the routes to a group mounted at `/api/v1/admin`.
    public func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.post("collections", use: createCollection)
    }

    @Sendable func createCollection(_ request: Request, context: some RequestContext) async throws -> Response {
        try OperatorToken(digest: tokenDigest).authenticate(request)
        let body = try await RequestBody.collect(request, declaredLimit: 64 << 10, readLimit: 64 << 10) { _ in
            APIError(.contentTooLarge, code: "body_too_large", "a collection definition is at most 64 KiB")
        }
        let new: API.NewCollection
        do { new = try JSONDecoder().decode(API.NewCollection.self, from: Data(Array(buffer: body))) } catch {
            throw APIError(.badRequest, code: "malformed_request", "send JSON with alias and title (and audience, read, write, public, default_tlp)")
        }
        let definition = try Self.definition(new)
        let receipt = try await forum.perform(.collection(definition))
        var response = try API.CollectionCreated(id: definition.id, alias: definition.alias, index: receipt.index).response(
            from: request,
            context: context
        )
        response.status = .created
        return response
    }

    /// Checks every field against the rules of the `collection` act's grammar (`docs/acts.md`) before anything is
    /// signed: a field that breaks one is a 400 `invalid_field` naming the field and the rule.
    static func definition(_ new: API.NewCollection) throws -> CollectionDefinition {
        try field("alias") { () throws(ActError) in try CollectionDefinition.validate(alias: new.alias) }
        try field("title") { () throws(ActError) in try DisplayName.validate(new.title) }
        try field("default_tlp") { () throws(ActError) in try CollectionDefinition.validate(defaultTLP: new.defaultTLP ?? "amber") }
        let audience = try field("audience") { () throws(ActError) in try CollectionDefinition.Members(parsing: new.audience ?? "all") }
        let readers = try field("read") { () throws(ActError) in try CollectionDefinition.Members(parsing: new.read ?? "all") }
        let writers = try field("write") { () throws(ActError) in try CollectionDefinition.Members(parsing: new.write ?? "all") }
        return try CollectionDefinition(
            id: UUID().uuidString.lowercased(), alias: new.alias, title: new.title, audience: audience, readers: readers,
            writers: writers, isPublic: new.public ?? false, defaultTLP: new.defaultTLP ?? "amber")
    }

    private static func field<T>(_ name: String, _ check: () throws(ActError) -> T) throws(APIError) -> T {
        do { return try check() } catch { throw APIError(.badRequest, code: "invalid_field", "\(name): \(error.message)") }
    }
}
