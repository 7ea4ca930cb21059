public import Hummingbird
import RoundtableAPI
public import RoundtableNode
public import RoundtableDomain

/// `GET /api/v1/proposals`, `GET /api/v1/proposals/{id}` and `GET /api/v1/rules`: the forum's questions, where each
/// stands, and the rules of procedure in force with their history.
public struct ProposalController<Store: ForumStore>: Sendable {
    /// The forum.
    public let forum: ForumNode<Store>

    /// Creates the controller.
    /// - Parameter forum: The forum.
    public init(forum: ForumNode<Store>) { self.forum = forum }

    /// Adds the routes to the `/api/v1` group.
    public func addRoutes(api: RouterGroup<some RequestContext>) {
        api.get("proposals", use: list)
        api.get("proposals/:id", use: show)
        api.get("rules", use: rules)
    }

    @Sendable func list(_ request: Request, context: some RequestContext) async throws -> API.ProposalList {
        let proposals = forum.state.governance.proposals.values.sorted { $0.id < $1.id }
        return API.ProposalList(
            proposals: proposals.map {
                API.ProposalSummary(
                    id: $0.id, kind: $0.draft.kind.rawValue, title: $0.draft.title, proposer: $0.proposer.rawValue, stage: $0.stage.rawValue,
                    outcome: $0.decision?.outcome.rawValue)
            })
    }

    @Sendable func show(_ request: Request, context: some RequestContext) async throws -> API.Proposal {
        let text = try context.parameters.require("id")
        guard let id = UInt64(text), let proposal = forum.state.governance.proposals[id] else {
            throw APIError(.notFound, code: "not_found", "there is no proposal '\(text)'; GET /api/v1/proposals lists them")
        }
        return API.Proposal(proposal)
    }

    @Sendable func rules(_ request: Request, context: some RequestContext) async throws -> API.Rules {
        let governance = forum.state.governance
        return API.Rules(
            version: governance.rulesVersion, rules: governance.rules.settings.map(\.description),
            history: governance.rulesHistory.map {
                .init(version: $0.version, proposal: $0.proposal, since: $0.since, rules: $0.rules.settings.map(\.description))
            })
    }
}
