public import Hummingbird
import RoundtableAPI
public import RoundtableNode
public import RoundtableDomain
import TransparencyLog

/// `GET /api/v1/members` and `GET /api/v1/members/{id}`: who the members are, their status and keys.
public struct MemberController<Store: ForumStore>: Sendable {
    /// The forum whose members are listed.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    /// - Parameter forum: The forum whose members are listed.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds the routes to a group mounted at `/api/v1/members`.
    public func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.get(use: list)
        group.get(":id", use: show)
    }

    @Sendable func list(_ request: Request, context: some RequestContext) async throws -> API.MemberList {
        API.MemberList(members: forum.state.sortedMembers.map(API.Member.init))
    }

    @Sendable func show(_ request: Request, context: some RequestContext) async throws -> API.Member {
        let text = try context.parameters.require("id")
        guard let id = try? MemberID(text), let member = forum.state.members[id] else {
            throw APIError(.notFound, code: "not_found", "'\(text)' is not a member of this forum")
        }
        return API.Member(member)
    }
}
