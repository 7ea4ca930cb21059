public import RoundtableDomain
import RoundtableExchange

/// `/exchange`: for each collection, how many object versions it holds by TLP level and by day. Counts only: the
/// objects themselves are read over TAXII by the members they are meant for.
public struct ExchangePage: WebPage {
    public static let template = "exchange"
    /// How many of the latest days with objects each collection lists.
    public static let dayCount = 30

    struct Row {
        let day: String
        let counts: [Int]
        let total: Int
    }

    struct Collection {
        let id: String
        let title: String
        let alias: String
        let facts: [String]
        let days: [Row]
        let totals: Row
        let isEmpty: Bool
    }

    public let title: String
    let intro: String
    let levels: [String]
    let collections: [Collection]
    let hasCollections: Bool

    /// Builds the page.
    /// - Parameters:
    ///   - state: The forum's state, for the collections.
    ///   - counts: The stored counts.
    ///   - t: The interface text.
    public init(state: ForumState, counts: [ExchangeCount], t: Localizer) {
        title = t("exchange_title")
        intro = t("exchange_intro")
        let levelCount = TLPLevel.allCases.count
        levels = TLPLevel.allCases.map(\.description)
        let byCollection = Dictionary(grouping: counts, by: \.key.collection)
        collections = state.collections.values.sorted { $0.title < $1.title }.map { collection in
            let byDay = Dictionary(grouping: byCollection[collection.id] ?? [], by: \.key.day)
            func row(_ label: String, _ counts: [ExchangeCount]) -> Row {
                var perLevel = Array(repeating: 0, count: levelCount)
                for count in counts where perLevel.indices.contains(count.key.tlp) { perLevel[count.key.tlp] += count.count }
                return Row(day: label, counts: perLevel, total: perLevel.reduce(0, +))
            }
            let days = byDay.keys.sorted(by: >).prefix(Self.dayCount).map {
                row(Timestamp(seconds: $0 * 86_400).description.prefix(10).description, byDay[$0]!)
            }
            let audience = if case .all = collection.audience { t("exchange_audience_all") } else { t("exchange_audience_some") }
            return Collection(
                id: collection.id, title: collection.title, alias: collection.alias,
                facts: [
                    audience, t(collection.isPublic ? "exchange_public" : "exchange_members_only"),
                    t("exchange_default_tlp", ["tlp": "TLP:" + collection.defaultTLP.uppercased()]),
                ],
                days: Array(days), totals: row(t("exchange_total"), byCollection[collection.id] ?? []), isEmpty: days.isEmpty)
        }
        hasCollections = !collections.isEmpty
    }
}
