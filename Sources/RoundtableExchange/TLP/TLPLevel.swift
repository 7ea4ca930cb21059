/// A Traffic Light Protocol 2.0 level, ordered from the least to the most restrictive.
public enum TLPLevel: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case clear, green, amber, amberStrict, red

    /// The TLP 2.0 marking-definition id of each level (cti-stix-common-objects).
    public var markingID: String {
        switch self {
        case .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
        case .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
        case .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
        case .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        case .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        }
    }

    /// The `tlp_2_0` value of the marking definition: `clear`, `green`, `amber`, `amber+strict`, `red`.
    public var value: String {
        switch self {
        case .clear: "clear"
        case .green: "green"
        case .amber: "amber"
        case .amberStrict: "amber+strict"
        case .red: "red"
        }
    }

    public var description: String { "TLP:\(value.uppercased())" }

    public static func < (lhs: TLPLevel, rhs: TLPLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level a marking-definition id stands for: the TLP 2.0 ids, and the STIX 2.1 predefined TLP 1.0 ids
    /// (WHITE as CLEAR, the others as their namesakes).
    /// - Parameter id: A marking-definition id.
    public init?(markingID id: String) {
        guard let level = Self.byID[id] else { return nil }
        self = level
    }

    private static let byID: [String: TLPLevel] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.markingID, $0) } + [
            ("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", .clear),
            ("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", .green),
            ("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", .amber),
            ("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", .red),
        ])

    /// The TLP 2.0 extension definition's id.
    public static let extensionID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

    /// The most restrictive level among an object's markings, or `nil` when none is a TLP marking.
    /// - Parameter markingRefs: The object's `object_marking_refs`.
    public static func strictest(of markingRefs: [String]) -> TLPLevel? {
        markingRefs.compactMap(TLPLevel.init(markingID:)).max()
    }
}
