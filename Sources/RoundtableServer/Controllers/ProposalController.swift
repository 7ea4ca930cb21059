public import Hummingbird
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

    /// A line of the proposal list.
    public struct Summary: Codable, Sendable {
        public let id: UInt64
        public let kind: String
        public let title: String
        public let proposer: String
        public let stage: String
        /// The outcome once decided.
        public let outcome: String?
    }

    /// The proposal list, by id.
    public struct ProposalList: ResponseEncodable, Decodable, Sendable {
        public let proposals: [Summary]
    }

    /// The rules in force and every earlier version.
    public struct RulesDTO: ResponseEncodable, Decodable, Sendable {
        /// One version of the rules.
        public struct Version: Codable, Sendable {
            public let version: Int
            /// The amendment that adopted it; absent for the genesis rules.
            public let proposal: UInt64?
            /// The log index from which it applies.
            public let since: UInt64
            /// The rules as `rule` lines state them, for example `quorum 1/2`, `silence 72h`.
            public let rules: [String]
        }

        /// The version in force.
        public let version: Int
        /// The rules in force, as `rule` lines state them.
        public let rules: [String]
        /// Every version, oldest first.
        public let history: [Version]
    }

    @Sendable func list(_ request: Request, context: some RequestContext) async throws -> ProposalList {
        let proposals = forum.state.governance.proposals.values.sorted { $0.id < $1.id }
        return ProposalList(
            proposals: proposals.map {
                Summary(
                    id: $0.id, kind: $0.draft.kind.rawValue, title: $0.draft.title, proposer: $0.proposer.rawValue, stage: $0.stage.rawValue,
                    outcome: $0.decision?.outcome.rawValue)
            })
    }

    @Sendable func show(_ request: Request, context: some RequestContext) async throws -> ProposalDTO {
        let text = try context.parameters.require("id")
        guard let id = UInt64(text), let proposal = forum.state.governance.proposals[id] else {
            throw APIError(.notFound, code: "not_found", "there is no proposal '\(text)'; GET /api/v1/proposals lists them")
        }
        return ProposalDTO(proposal)
    }

    @Sendable func rules(_ request: Request, context: some RequestContext) async throws -> RulesDTO {
        let governance = forum.state.governance
        return RulesDTO(
            version: governance.rulesVersion, rules: governance.rules.settings.map(\.description),
            history: governance.rulesHistory.map {
                .init(version: $0.version, proposal: $0.proposal, since: $0.since, rules: $0.rules.settings.map(\.description))
            })
    }
}
