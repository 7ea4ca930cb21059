import Foundation
import RoundtableDomain
import RoundtableExchange
import RoundtableJSON
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite

/// The exchange of the demonstration forum: a public collection of indicators shared by every member, and a
/// sharing group of four CERTs, with an indicator at every TLP level.
struct DemoExchange<Store: ForumStore> {
    let forum: ForumNode<Store>

    static var indicatorsID: String { "1f0c2b9e-6a43-4a8e-9d55-0e7c1c6f8a01" }
    static var groupID: String { "7b3d5e21-94c0-4f7e-8a1d-2c6b0f4e9d12" }

    func seed() async throws {
        let everyone = CollectionDefinition.Members.all
        let group = CollectionDefinition.Members.only(Set(try ["br", "ee", "fr", "ke"].map { try MemberID($0) }))
        try await forum.perform(
            .collection(
                try CollectionDefinition(
                    id: Self.indicatorsID, alias: "indicators", title: "Indicators shared by all members", audience: everyone, readers: everyone,
                    writers: everyone, isPublic: true, defaultTLP: "amber")))
        try await forum.perform(
            .collection(
                try CollectionDefinition(
                    id: Self.groupID, alias: "cert-group", title: "Sharing group of four CERTs", audience: group, readers: group, writers: group,
                    isPublic: false, defaultTLP: "amber")))
        let exchange = forum.exchange
        let indicators = forum.state.collections[Self.indicatorsID]!
        let levels: [(TLPLevel, [String]?)] = [(.clear, nil), (.green, nil), (.amber, nil), (.amberStrict, nil), (.red, ["fr"])]
        let objects = levels.enumerated().map { offset, level in Self.indicator(offset, level: level.0, recipients: level.1) }
        _ = try await exchange.add(objects, to: indicators, by: try MemberID("ee"), statusID: UUID().uuidString.lowercased())
        _ = try await exchange.add(
            [Self.indicator(9, level: .amber, recipients: nil)],
            to: forum.state.collections[Self.groupID]!,
            by: try MemberID("fr"),
            statusID: UUID().uuidString.lowercased()
        )
    }

    /// A demonstration indicator: a malicious IPv4 address, marked with a TLP level.
    static func indicator(_ number: Int, level: TLPLevel, recipients: [String]?) -> JSONValue {
        let suffix = String(number, radix: 16)
        let id = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd" + String(repeating: "0", count: 2 - suffix.count) + suffix
        var members: [(key: String, value: JSONValue)] = [
            ("type", .string("indicator")), ("spec_version", .string("2.1")), ("id", .string(id)),
            ("created", .string("2026-11-29T09:00:00.000Z")), ("modified", .string("2026-11-29T09:00:00.000Z")),
            ("name", .string("\(level) demonstration indicator \(number)")), ("pattern", .string("[ipv4-addr:value = '198.51.100.\(number + 1)']")),
            ("pattern_type", .string("stix")), ("valid_from", .string("2026-11-29T09:00:00Z")),
            ("object_marking_refs", .array([.string(level.markingID)])),
        ]
        if let recipients { members.append(("x_roundtable_recipients", .array(recipients.map { .string($0) }))) }
        return .object(members)
    }
}
