public import Hummingbird
import RoundtableAPI
public import RoundtableNode
public import RoundtableDomain
import TransparencyLog

/// `GET /api/v1/forum`: the forum's origin, name, node key and size; and `GET /healthz`.
public struct ForumController<Store: ForumStore>: Sendable {
    /// The forum described.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    /// - Parameter forum: The forum described.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds `GET /api/v1/forum` to the API group and `GET /healthz` to the root.
    public func addRoutes(api: RouterGroup<some RequestContext>, root: Router<some RequestContext>) {
        api.get("forum", use: describe)
        root.get("healthz", use: health)
    }

    @Sendable func describe(_ request: Request, context: some RequestContext) async throws -> API.Forum {
        let state = forum.state
        return API.Forum(
            origin: state.origin,
            name: state.name,
            nodeKey: state.nodeKey.description,
            members: state.members.count,
            entries: try await forum.store.entryCount()
        )
    }

    /// `200 ok` when the node reads its store and accepts acts; otherwise 503 with a JSON error saying why (starting,
    /// stopped writing, store unreadable).
    /// A front-end that follows another on a shared database answers `200 following`: it serves reads, and forwards
    /// writes to the leader.
    @Sendable func health(_ request: Request, context: some RequestContext) async throws -> Response {
        let following = forum.isFollowing
        if !following, let problem = forum.writeProblem { throw problem }
        do {
            _ = try await forum.store.entryCount()
            let body = ByteBuffer(string: following ? "following\n" : "ok\n")
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: body))
        } catch {
            throw APIError(.serviceUnavailable, code: "unavailable", "the store cannot be read: \(error)")
        }
    }
}
