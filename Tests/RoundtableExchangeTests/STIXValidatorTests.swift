@testable import RoundtableExchange
import RoundtableJSON
import Testing

@Suite("STIX validator: valid objects")
struct STIXValidatorAcceptanceTests {
    @Test("a valid TLP:GREEN indicator passes and exposes its properties")
    func validIndicatorPasses() throws {
        let json = validIndicator()
        let object = try STIXValidator.validate(json)
        #expect(object.id == IDs.indicator)
        #expect(object.type == "indicator")
        #expect(object.specVersion == "2.1")
        #expect(object.created == STIXTimestamp("2026-11-29T10:00:00.000Z"))
        #expect(object.modified == STIXTimestamp("2026-11-29T10:00:00.000Z"))
        #expect(object.version?.text == "2026-11-29T10:00:00.000Z")
        #expect(object.markingRefs == [IDs.tlpGreen])
        #expect(object.recipients == nil)
        #expect(object.json == json)
    }

    @Test("version is modified when present, markings and recipients are read in order")
    func versionAndLists() throws {
        let json = validIndicator()
            .setting("modified", str("2026-11-30T08:15:00.250Z"))
            .setting("object_marking_refs", strs(IDs.tlpGreen, IDs.tlpAmber, "marking-definition--a1b2c3d4-0000-4000-8000-000000000000"))
            .setting("x_roundtable_recipients", strs("ee", "fr-mfa", "ke-cert", "0x"))
        let object = try STIXValidator.validate(json)
        #expect(object.version?.text == "2026-11-30T08:15:00.250Z")
        #expect(object.version == object.modified)
        #expect(object.created?.text == "2026-11-29T10:00:00.000Z")
        #expect(object.markingRefs == [IDs.tlpGreen, IDs.tlpAmber, "marking-definition--a1b2c3d4-0000-4000-8000-000000000000"])
        #expect(object.recipients == ["ee", "fr-mfa", "ke-cert", "0x"])
    }

    @Test("an indicator without markings has no marking refs; higher precision timestamps pass")
    func noMarkings() throws {
        let json = validIndicator().removing("object_marking_refs")
            .setting("created", str("2026-11-29T10:00:00.123456Z"))
            .setting("modified", str("2026-11-29T10:00:00.123456789Z"))
        let object = try STIXValidator.validate(json)
        #expect(object.markingRefs.isEmpty)
        #expect(object.created?.precision == 6)
    }

    @Test("modified may equal created, also when written with another precision")
    func modifiedEqualCreated() throws {
        let json = validIndicator().setting("created", str("2026-11-29T10:00:00.100Z")).setting("modified", str("2026-11-29T10:00:00.1000Z"))
        #expect(stixRefusal(json) == nil)
    }

    @Test("valid_until after valid_from passes")
    func validUntilLater() {
        let json = validIndicator().setting("valid_until", str("2026-11-29T10:00:00.001Z"))
        #expect(stixRefusal(json) == nil)
    }

    @Test("UUID versions 1-5, both variants' cases, and upper-case hex are accepted")
    func uuidForms() {
        for uuid in [
            "8e2e2d2b-17d4-1cbf-938f-98ee46b3cd3f", "8e2e2d2b-17d4-2cbf-838f-98ee46b3cd3f", "8e2e2d2b-17d4-3cbf-a38f-98ee46b3cd3f",
            "8e2e2d2b-17d4-4cbf-b38f-98ee46b3cd3f", "8e2e2d2b-17d4-5cbf-938f-98ee46b3cd3f", "8E2E2D2B-17D4-4CBF-B38F-98EE46B3CD3F",
            "8e2e2d2b-17d4-4cbf-A38f-98ee46b3cd3f",
        ] {
            #expect(STIXValidator.isValidIdentifier("indicator--" + uuid, type: "indicator"), "\(uuid)")
            #expect(stixRefusal(validIndicator().setting("id", str("indicator--" + uuid))) == nil, "\(uuid)")
        }
    }

    @Test("an observable with a UUIDv5 id needs neither spec_version nor created/modified")
    func observablePasses() throws {
        let json = try parseJSON(#"{"type":"ipv4-addr","id":"\#(IDs.ipv4)","value":"198.51.100.3"}"#)
        let object = try STIXValidator.validate(json)
        #expect(object.id == IDs.ipv4)
        #expect(object.type == "ipv4-addr")
        #expect(object.specVersion == "2.1")
        #expect(object.created == nil)
        #expect(object.modified == nil)
        #expect(object.version == nil)
        #expect(object.markingRefs.isEmpty)
        #expect(object.recipients == nil)
        // spec_version "2.1" is accepted on an observable too; second-precision timestamps are not checked there.
        #expect(stixRefusal(json.setting("spec_version", str("2.1"))) == nil)
        #expect(stixRefusal(json.setting("object_marking_refs", strs(IDs.tlpAmber))) == nil)
        let file = try parseJSON(
            #"{"type":"file","id":"file--9a1f834d-2506-5367-baec-7aa63996ac43","name":"a.exe","created":"2026-11-29T10:00:00Z"}"#)
        #expect(stixRefusal(file) == nil)
    }

    @Test("every listed observable type passes without spec_version or created")
    func allObservables() {
        for type in STIXValidator.observableTypes {
            let json = JSONValue.object([(key: "type", value: str(type)), (key: "id", value: str("\(type)--ff26c055-6336-5bc5-b98d-13d6226742dd"))])
            #expect(stixRefusal(json) == nil, "\(type)")
        }
    }

    @Test("a relationship and a report with their required properties pass")
    func relationshipAndReport() throws {
        let relationship = try parseJSON(
            #"{"type":"relationship","spec_version":"2.1","id":"\#(IDs.relationship)","created":"2026-11-29T10:00:00.000Z","#
                + #""modified":"2026-11-29T10:00:00.000Z","relationship_type":"indicates","source_ref":"\#(IDs.indicator)","#
                + #""target_ref":"\#(IDs.malware)"}"#
        )
        #expect(stixRefusal(relationship) == nil)
        let report = try parseJSON(
            #"{"type":"report","spec_version":"2.1","id":"\#(IDs.report)","created":"2026-11-29T10:00:00.000Z","#
                + #""modified":"2026-11-29T10:00:00.000Z","name":"Weekly","published":"2026-11-29T10:00:00Z","object_refs":["\#(IDs.indicator)"]}"#
        )
        #expect(stixRefusal(report) == nil)
        let malware = try parseJSON(
            #"{"type":"malware","spec_version":"2.1","id":"\#(IDs.malware)","created":"2026-11-29T10:00:00.000Z","#
                + #""modified":"2026-11-29T10:00:00.000Z","is_family":true,"first_seen":"2026-01-01T00:00:00Z","last_seen":"2026-01-01T00:00:00Z"}"#
        )
        #expect(stixRefusal(malware) == nil)
    }

    @Test("a custom object type with a valid id passes")
    func customType() throws {
        let json = validIndicator().removing("pattern", "pattern_type", "valid_from")
            .setting("type", str("x-roundtable-note2"))
            .setting("id", str("x-roundtable-note2--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"))
        #expect(stixRefusal(json) == nil)
        #expect(STIXValidator.isValidType(String(repeating: "a", count: 250)))
        #expect(STIXValidator.isValidType("abc"))
        #expect(STIXValidator.isValidType("a1-b2"))
    }

    @Test
    func genuineMarkingDefinitionValidates() throws {
        for level in TLPLevel.allCases {
            let object = try STIXValidator.validate(genuineTLPMarkingDefinition(level))
            #expect(object.id == level.markingID)
            #expect(object.version?.text == "2022-10-01T00:00:00.000Z")
        }
        let statement = try parseJSON(
            #"{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db","#
                + #""created":"2026-11-29T10:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2026"}}"#
        )
        #expect(stixRefusal(statement) == nil)
    }
}

@Suite("STIX validator: refusals name the property")
struct STIXValidatorRefusalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let json: JSONValue
        /// Text the error message must contain.
        let mentions: String
        init(_ name: String, _ json: JSONValue, mentions: String) {
            self.name = name
            self.json = json
            self.mentions = mentions
        }
        var testDescription: String { name }
    }

    static let indicator = validIndicator()
    static let relationship = try! parseJSON(
        #"{"type":"relationship","spec_version":"2.1","id":"\#(IDs.relationship)","created":"2026-11-29T10:00:00.000Z","#
            + #""modified":"2026-11-29T10:00:00.000Z","relationship_type":"indicates","source_ref":"\#(IDs.indicator)","#
            + #""target_ref":"\#(IDs.malware)"}"#
    )
    static let report = try! parseJSON(
        #"{"type":"report","spec_version":"2.1","id":"\#(IDs.report)","created":"2026-11-29T10:00:00.000Z","modified":"2026-11-29T10:00:00.000Z","#
            + #""name":"Weekly","published":"2026-11-29T10:00:00Z","object_refs":["\#(IDs.indicator)"]}"#
    )
    static let ipv4 = try! parseJSON(#"{"type":"ipv4-addr","id":"\#(IDs.ipv4)","value":"198.51.100.3"}"#)
    static let uuidPrefix = "indicator--8e2e2d2b-17d4-"

    static let cases: [Case] = [
        // Not an object.
        Case("an array", .array([indicator]), mentions: "JSON object"),
        Case("a string", str("indicator"), mentions: "JSON object"),
        Case("null", .null, mentions: "JSON object"),
        Case("a number", .number("1"), mentions: "JSON object"),
        // type.
        Case("type missing", indicator.removing("type"), mentions: "'type'"),
        Case("type not a string", indicator.setting("type", .number("1")), mentions: "'type'"),
        Case("type null", indicator.setting("type", .null), mentions: "'type'"),
        Case("type Indicator", indicator.setting("type", str("Indicator")), mentions: "type 'Indicator'"),
        Case("type INDICATOR", indicator.setting("type", str("INDICATOR")), mentions: "type 'INDICATOR'"),
        Case("type in (too short)", indicator.setting("type", str("in")), mentions: "type 'in'"),
        Case("type a--b (double hyphen)", indicator.setting("type", str("a--b")), mentions: "type 'a--b'"),
        Case("type starting with a digit", indicator.setting("type", str("1ndicator")), mentions: "type '1ndicator'"),
        Case("type starting with a hyphen", indicator.setting("type", str("-indicator")), mentions: "type '-indicator'"),
        Case("type with an underscore", indicator.setting("type", str("x_indicator")), mentions: "type 'x_indicator'"),
        Case("type with a space", indicator.setting("type", str("x indicator")), mentions: "type"),
        Case("type with a non-ASCII letter", indicator.setting("type", str("indicatör")), mentions: "type"),
        Case("type of 251 characters", indicator.setting("type", str(String(repeating: "a", count: 251))), mentions: "type"),
        Case("empty type", indicator.setting("type", str("")), mentions: "type"),
        // id.
        Case("id missing", indicator.removing("id"), mentions: "'id'"),
        Case("id not a string", indicator.setting("id", .number("1")), mentions: "'id'"),
        Case("id prefix of another type", indicator.setting("id", str(IDs.malware)), mentions: "id '\(IDs.malware)'"),
        Case("id with a single hyphen", indicator.setting("id", str("indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id in upper case type", indicator.setting("id", str("INDICATOR--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id not a UUID", indicator.setting("id", str("indicator--not-a-uuid")), mentions: "id 'indicator--not-a-uuid'"),
        Case("id UUID without hyphens", indicator.setting("id", str("indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f")), mentions: "id"),
        Case("id UUID too short", indicator.setting("id", str("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3")), mentions: "id"),
        Case("id UUID too long", indicator.setting("id", str("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f0")), mentions: "id"),
        Case("id UUID in braces", indicator.setting("id", str("indicator--{8e2e2d2b-17d4-4cbf-938f-98ee46b3cd}")), mentions: "id"),
        Case("id UUID with a non-hex digit", indicator.setting("id", str("indicator--8e2e2d2g-17d4-4cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID with misplaced hyphens", indicator.setting("id", str("indicator--8e2e2d2-b17d4-4cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID version 0", indicator.setting("id", str(uuidPrefix + "0cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID version 6", indicator.setting("id", str(uuidPrefix + "6cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID version 7", indicator.setting("id", str(uuidPrefix + "7cbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID version f", indicator.setting("id", str(uuidPrefix + "fcbf-938f-98ee46b3cd3f")), mentions: "id"),
        Case("id nil UUID", indicator.setting("id", str("indicator--00000000-0000-0000-0000-000000000000")), mentions: "id"),
        Case("id UUID variant 0xxx", indicator.setting("id", str(uuidPrefix + "4cbf-738f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID variant 110x (Microsoft)", indicator.setting("id", str(uuidPrefix + "4cbf-c38f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID variant 111x (reserved)", indicator.setting("id", str(uuidPrefix + "4cbf-f38f-98ee46b3cd3f")), mentions: "id"),
        Case("id UUID variant 0", indicator.setting("id", str(uuidPrefix + "4cbf-038f-98ee46b3cd3f")), mentions: "id"),
        // spec_version.
        Case("spec_version missing on an SDO", indicator.removing("spec_version"), mentions: "spec_version"),
        Case("spec_version 2.0", indicator.setting("spec_version", str("2.0")), mentions: "spec_version '2.0'"),
        Case("spec_version 2.1 as a number on an SDO", indicator.setting("spec_version", .number("2.1")), mentions: "spec_version"),
        Case("spec_version 2.0 on an observable", ipv4.setting("spec_version", str("2.0")), mentions: "spec_version '2.0'"),
        Case("spec_version 2.10", indicator.setting("spec_version", str("2.10")), mentions: "spec_version"),
        // Timestamps.
        Case("created missing", indicator.removing("created"), mentions: "'created'"),
        Case("modified missing", indicator.removing("modified"), mentions: "'modified'"),
        Case("created to the second only", indicator.setting("created", str("2026-11-29T10:00:00Z")), mentions: "created"),
        Case("created to the tenth of a second", indicator.setting("created", str("2026-11-29T10:00:00.1Z")), mentions: "created"),
        Case("modified to the second only", indicator.setting("modified", str("2026-11-29T10:00:00Z")), mentions: "modified"),
        Case("created malformed", indicator.setting("created", str("2026-11-29 10:00:00.000Z")), mentions: "created"),
        Case("created with an offset", indicator.setting("created", str("2026-11-29T10:00:00.000+01:00")), mentions: "created"),
        Case("created not a string", indicator.setting("created", .number("1796292000")), mentions: "created"),
        Case("modified before created", indicator.setting("modified", str("2026-11-29T09:59:59.999Z")), mentions: "modified"),
        Case(
            "modified before created by a nanosecond",
            indicator.setting("created", str("2026-11-29T10:00:00.000000001Z")).setting("modified", str("2026-11-29T10:00:00.000Z")),
            mentions: "modified"),
        Case("valid_from malformed", indicator.setting("valid_from", str("soon")), mentions: "valid_from"),
        Case("valid_until equal to valid_from", indicator.setting("valid_until", str("2026-11-29T10:00:00Z")), mentions: "valid_until"),
        Case(
            "valid_until equal to valid_from at another precision",
            indicator.setting("valid_until", str("2026-11-29T10:00:00.000Z")),
            mentions: "valid_until"
        ),
        Case("valid_until before valid_from", indicator.setting("valid_until", str("2026-11-29T09:00:00Z")), mentions: "valid_until"),
        Case("valid_until malformed", indicator.setting("valid_until", .bool(true)), mentions: "valid_until"),
        Case(
            "last_seen before first_seen",
            indicator.setting("first_seen", str("2026-11-29T10:00:00Z")).setting("last_seen", str("2026-11-28T10:00:00Z")),
            mentions: "last_seen"),
        Case("published malformed", report.setting("published", str("2026-11-29")), mentions: "published"),
        Case("observable created malformed", ipv4.setting("created", str("2026-11-29")), mentions: "created"),
        // Required properties.
        Case("indicator without pattern", indicator.removing("pattern"), mentions: "'pattern'"),
        Case("indicator without pattern_type", indicator.removing("pattern_type"), mentions: "'pattern_type'"),
        Case("indicator without valid_from", indicator.removing("valid_from"), mentions: "'valid_from'"),
        Case("relationship without target_ref", relationship.removing("target_ref"), mentions: "'target_ref'"),
        Case("relationship without source_ref", relationship.removing("source_ref"), mentions: "'source_ref'"),
        Case("relationship without relationship_type", relationship.removing("relationship_type"), mentions: "'relationship_type'"),
        Case("report without object_refs", report.removing("object_refs"), mentions: "'object_refs'"),
        Case("report without published", report.removing("published"), mentions: "'published'"),
        Case("report without name", report.removing("name"), mentions: "'name'"),
        // object_marking_refs.
        Case("object_marking_refs empty", indicator.setting("object_marking_refs", .array([])), mentions: "object_marking_refs"),
        Case("object_marking_refs a string", indicator.setting("object_marking_refs", str(IDs.tlpGreen)), mentions: "object_marking_refs"),
        Case("object_marking_refs null", indicator.setting("object_marking_refs", .null), mentions: "object_marking_refs"),
        Case(
            "object_marking_refs with a non-marking id",
            indicator.setting("object_marking_refs", strs(IDs.indicator)),
            mentions: "object_marking_refs"
        ),
        Case(
            "object_marking_refs with a valid and a non-marking id",
            indicator.setting("object_marking_refs", strs(IDs.tlpGreen, IDs.malware)), mentions: "object_marking_refs"),
        Case("object_marking_refs with a number", indicator.setting("object_marking_refs", .array([.number("1")])), mentions: "object_marking_refs"),
        Case(
            "object_marking_refs with a bad UUID",
            indicator.setting("object_marking_refs", strs("marking-definition--not-a-uuid")), mentions: "object_marking_refs"),
        Case(
            "object_marking_refs with TLP:GREEN as a name",
            indicator.setting("object_marking_refs", strs("TLP:GREEN")),
            mentions: "object_marking_refs"
        ),
        // x_roundtable_recipients.
        Case("recipients not a list", indicator.setting("x_roundtable_recipients", str("ee")), mentions: "x_roundtable_recipients"),
        Case("recipients an object", indicator.setting("x_roundtable_recipients", .object([])), mentions: "x_roundtable_recipients"),
        Case("recipients null", indicator.setting("x_roundtable_recipients", .null), mentions: "x_roundtable_recipients"),
        Case("recipients empty", indicator.setting("x_roundtable_recipients", .array([])), mentions: "x_roundtable_recipients"),
        Case("recipient EE", indicator.setting("x_roundtable_recipients", strs("EE")), mentions: "x_roundtable_recipients"),
        Case("recipient -x", indicator.setting("x_roundtable_recipients", strs("-x")), mentions: "x_roundtable_recipients"),
        Case("recipient node (reserved)", indicator.setting("x_roundtable_recipients", strs("node")), mentions: "x_roundtable_recipients"),
        Case("recipient empty string", indicator.setting("x_roundtable_recipients", strs("")), mentions: "x_roundtable_recipients"),
        Case("recipient with a space", indicator.setting("x_roundtable_recipients", strs("ee ")), mentions: "x_roundtable_recipients"),
        Case(
            "recipient of 64 characters",
            indicator.setting("x_roundtable_recipients", strs(String(repeating: "a", count: 64))),
            mentions: "x_roundtable_recipients"
        ),
        Case(
            "recipients with a valid and an invalid id",
            indicator.setting("x_roundtable_recipients", strs("ee", "EE")),
            mentions: "x_roundtable_recipients"
        ),
        Case(
            "recipient a number",
            indicator.setting("x_roundtable_recipients", .array([str("ee"), .number("1")])),
            mentions: "x_roundtable_recipients"
        ),
        // Property names.
        Case("a property name over 250 characters", indicator.setting(String(repeating: "x", count: 251), .null), mentions: "longer than 250"),
    ]

    @Test("each rule refuses with a STIXError naming the property", arguments: cases)
    func refused(_ testCase: Case) throws {
        let error = try #require(stixRefusal(testCase.json))
        #expect(error.message.contains(testCase.mentions), "\(error.message)")
        #expect(error.description == error.message)
    }

    @Test("the type and identifier checks agree with the documented patterns")
    func typeAndIdentifierHelpers() {
        #expect(!STIXValidator.isValidType("in"))
        #expect(!STIXValidator.isValidType("a--b"))
        #expect(!STIXValidator.isValidType("Indicator"))
        #expect(!STIXValidator.isValidType(String(repeating: "a", count: 251)))
        #expect(STIXValidator.isValidIdentifier(IDs.indicator, type: "indicator"))
        #expect(!STIXValidator.isValidIdentifier(IDs.indicator, type: "indicato"))
        #expect(!STIXValidator.isValidIdentifier(IDs.indicator, type: "malware"))
        #expect(!STIXValidator.isValidIdentifier("indicator--", type: "indicator"))
        #expect(!STIXValidator.isValidIdentifier("", type: "indicator"))
    }

    @Test("a property name of exactly 250 characters passes")
    func longPropertyName() {
        #expect(stixRefusal(Self.indicator.setting(String(repeating: "x", count: 250), .null)) == nil)
    }

    @Test
    func typeEndingInHyphen() {
        #expect(!STIXValidator.isValidType("abc-"))
        let json = Self.indicator.setting("type", str("abc-")).setting("id", str("abc---8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"))
        #expect(stixRefusal(json) != nil)
    }

    @Test
    func observableNonStringSpecVersion() {
        #expect(stixRefusal(Self.ipv4.setting("spec_version", .number("2.1"))) != nil)
        #expect(stixRefusal(Self.ipv4.setting("spec_version", .null)) != nil)
        #expect(stixRefusal(Self.ipv4.setting("spec_version", .bool(true))) != nil)
    }
}
