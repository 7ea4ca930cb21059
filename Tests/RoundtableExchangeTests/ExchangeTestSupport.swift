@testable import RoundtableExchange
import RoundtableJSON

/// Parses a JSON text given as a Swift string.
func parseJSON(_ text: String) throws(JSONError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

/// The compact serialization of a value, as text.
func serializedText(_ value: JSONValue) -> String { String(decoding: value.serialized, as: UTF8.self) }

/// The error the parser raises for these bytes, or `nil` when it accepts them.
func jsonRefusal(_ bytes: [UInt8]) -> JSONError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The error the validator raises for this value, or `nil` when it accepts it.
func stixRefusal(_ json: JSONValue) -> STIXError? {
    do {
        _ = try STIXValidator.validate(json)
        return nil
    } catch {
        return error
    }
}

extension JSONValue {
    /// A copy of an object with a member replaced (in place), appended, or removed (`nil`).
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard var members = self.members else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            if let value { members[index].value = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key: key, value: value))
        }
        return .object(members)
    }

    /// A copy of an object without these members.
    func removing(_ keys: String...) -> JSONValue {
        keys.reduce(self) { $0.setting($1, nil) }
    }
}

/// A JSON string value.
func str(_ text: String) -> JSONValue { .string(text) }

/// A JSON array of strings.
func strs(_ texts: String...) -> JSONValue { .array(texts.map(JSONValue.string)) }

/// A small deterministic generator (SplitMix64), so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Well-known identifiers used across the suites.
enum IDs {
    static let tlpClear = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
    static let tlpGreen = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
    static let tlpAmber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    static let tlpAmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
    static let tlpRed = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
    static let tlp1White = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
    static let tlp1Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
    static let tlp1Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    static let tlp1Red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
    static let tlpExtension = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"

    static let indicator = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
    static let malware = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"
    static let relationship = "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad"
    static let report = "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3"
    static let ipv4 = "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd"
}

/// A valid STIX 2.1 indicator marked TLP:GREEN, created and modified to the millisecond.
let validIndicatorText = """
    {"type":"indicator","spec_version":"2.1","id":"\(IDs.indicator)",\
    "created":"2026-11-29T10:00:00.000Z","modified":"2026-11-29T10:00:00.000Z",\
    "name":"Malicious site hosting downloader","pattern":"[ipv4-addr:value = '198.51.100.1']",\
    "pattern_type":"stix","valid_from":"2026-11-29T10:00:00Z",\
    "object_marking_refs":["\(IDs.tlpGreen)"]}
    """

/// The indicator above, parsed.
func validIndicator() -> JSONValue { try! parseJSON(validIndicatorText) }

/// The genuine TLP 2.0 marking-definition object of a level (cti-stix-common-objects form).
func genuineTLPMarkingDefinition(_ level: TLPLevel) -> JSONValue {
    .object([
        (key: "type", value: str("marking-definition")),
        (key: "spec_version", value: str("2.1")),
        (key: "id", value: str(level.markingID)),
        (key: "created", value: str("2022-10-01T00:00:00.000Z")),
        (key: "name", value: str(level.description)),
        (key: "extensions", value: .object([
            (key: IDs.tlpExtension, value: .object([
                (key: "extension_type", value: str("property-extension")),
                (key: "tlp_2_0", value: str(level.value)),
            ])),
        ])),
    ])
}
