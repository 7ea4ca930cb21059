public import Hummingbird
import RoundtableAPI
public import RoundtableNode
public import RoundtableDomain

/// `GET /api/v1/communication`: every member's public communication figures (``CommunicationFigures``), computed from
/// the public log alone, with witnessed times for the acknowledgements.
public struct CommunicationFiguresController<Store: ForumStore>: Sendable {
    /// The forum whose figures are shown.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    /// - Parameter forum: The forum whose figures are shown.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds the route to the `/api/v1` group.
    public func addRoutes(api: RouterGroup<some RequestContext>) {
        api.get("communication", use: figures)
    }

    @Sendable func figures(_ request: Request, context: some RequestContext) async throws -> API.CommunicationFigures {
        let (figures, size) = try await forum.communicationFigures()
        return API.CommunicationFigures(figures, size: size)
    }
}
