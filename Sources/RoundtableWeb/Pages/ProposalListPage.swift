public import RoundtableDomain

/// `/proposals`: every proposal, newest first, filtered by stage and kind, a page of ``pageSize`` at a time.
public struct ProposalListPage: WebPage {
    public static let template = "proposals"
    /// How many proposals a page lists.
    public static let pageSize = 50

    /// The filters a request can set.
    public struct Filter: Sendable {
        /// `open`, `decided`, `withdrawn`, or `nil` for all.
        public var stage: String?
        /// A proposal kind, or `nil` for all.
        public var kind: ProposalKind?
        /// The page, from 1.
        public var page: Int

        /// Creates a filter; unknown values are ignored.
        public init(stage: String?, kind: String?, page: String?) {
            self.stage = ["open", "decided", "withdrawn"].contains(stage ?? "") ? stage : nil
            self.kind = kind.flatMap(ProposalKind.init(rawValue:))
            self.page = max(1, page.flatMap(Int.init) ?? 1)
        }

        func matches(_ proposal: Proposal) -> Bool {
            guard kind == nil || proposal.draft.kind == kind else { return false }
            switch stage {
            case "open": return !proposal.stage.isFinal
            case "decided": return proposal.stage == .decided
            case "withdrawn": return proposal.stage == .withdrawn
            default: return true
            }
        }
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    public let title: String
    let stages: [Option]
    let kinds: [Option]
    let proposals: [ProposalRow]
    let hasProposals: Bool
    let showing: String
    let previousHref: String?
    let nextHref: String?
    /// Whether there is another page to go to: a single page has no pager.
    var hasPager: Bool { previousHref != nil || nextHref != nil }

    /// Builds the page.
    /// - Parameters:
    ///   - state: The forum's state.
    ///   - filter: The filters asked for.
    ///   - location: The page's location, for the paging links.
    ///   - t: The interface text.
    public init(state: ForumState, filter: Filter, location: PageLocation, t: Localizer) {
        let wording = ProposalWording(t: t, rules: state.governance.rules)
        title = t("proposals_title")
        stages = [("", t("filter_all")), ("open", t("filter_open")), ("decided", t("filter_decided")), ("withdrawn", t("stage_withdrawn"))]
            .map { Option(value: $0.0, label: $0.1, selected: $0.0 == (filter.stage ?? "")) }
        kinds = [Option(value: "", label: t("filter_all"), selected: filter.kind == nil)]
            + ProposalKind.allCases.map { Option(value: $0.rawValue, label: wording.kind($0), selected: $0 == filter.kind) }
        let matching = state.governance.proposals.values.filter(filter.matches).sorted { $0.id > $1.id }
        let start = (filter.page - 1) * Self.pageSize
        proposals = matching.dropFirst(start).prefix(Self.pageSize).map { ProposalRow($0, state: state, wording: wording) }
        hasProposals = !proposals.isEmpty
        showing = matching.isEmpty
            ? t("proposals_none")
            : t("proposals_showing", [
                "from": t.number(min(start + 1, matching.count)), "to": t.number(min(start + Self.pageSize, matching.count)),
                "total": t.number(matching.count),
            ])
        previousHref = filter.page > 1 ? location.with(["page": String(filter.page - 1)]) : nil
        nextHref = start + Self.pageSize < matching.count ? location.with(["page": String(filter.page + 1)]) : nil
    }
}
