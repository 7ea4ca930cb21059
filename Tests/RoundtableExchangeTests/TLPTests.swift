import RoundtableDomain
@testable import RoundtableExchange
import RoundtableJSON
import Testing

@Suite("TLP levels")
struct TLPLevelTests {
    @Test(
        "the five TLP 2.0 marking-definition ids map to their levels",
        arguments: [
            (IDs.tlpClear, TLPLevel.clear, "clear", "TLP:CLEAR"),
            (IDs.tlpGreen, .green, "green", "TLP:GREEN"),
            (IDs.tlpAmber, .amber, "amber", "TLP:AMBER"),
            (IDs.tlpAmberStrict, .amberStrict, "amber+strict", "TLP:AMBER+STRICT"),
            (IDs.tlpRed, .red, "red", "TLP:RED"),
        ])
    func tlp2(id: String, level: TLPLevel, value: String, name: String) {
        #expect(TLPLevel(markingID: id) == level)
        #expect(level.markingID == id)
        #expect(level.value == value)
        #expect(level.description == name)
    }

    @Test(
        "the four STIX 2.1 TLP 1.0 ids map too, WHITE as CLEAR",
        arguments: [
            (IDs.tlp1White, TLPLevel.clear),
            (IDs.tlp1Green, .green),
            (IDs.tlp1Amber, .amber),
            (IDs.tlp1Red, .red),
        ])
    func tlp1(id: String, level: TLPLevel) {
        #expect(TLPLevel(markingID: id) == level)
        // The canonical id of a level stays the TLP 2.0 one.
        #expect(level.markingID != id)
    }

    @Test("unknown or malformed ids are not TLP levels")
    func unknown() {
        for id in [
            "", "TLP:RED", "red", "marking-definition--00000000-0000-4000-8000-000000000000",
            IDs.tlpRed.uppercased(), IDs.tlpRed + " ", " " + IDs.tlpRed, String(IDs.tlpRed.dropLast()),
            "indicator--e828b379-4e03-4974-9ac4-e53a884c97c1",
        ] {
            #expect(TLPLevel(markingID: id) == nil, "\(id)")
        }
    }

    @Test("levels are ordered from CLEAR to RED")
    func ordering() {
        #expect(TLPLevel.allCases == [.clear, .green, .amber, .amberStrict, .red])
        #expect(TLPLevel.allCases.sorted() == TLPLevel.allCases)
        #expect(TLPLevel.allCases.reversed().sorted() == TLPLevel.allCases)
        #expect(TLPLevel.clear < .green && .green < .amber && .amber < .amberStrict && .amberStrict < .red)
        #expect(!(TLPLevel.red < .red))
    }

    @Test("the strictest of a mix is the maximum; unknown ids are ignored")
    func strictest() {
        #expect(TLPLevel.strictest(of: []) == nil)
        #expect(TLPLevel.strictest(of: ["marking-definition--00000000-0000-4000-8000-000000000000"]) == nil)
        #expect(TLPLevel.strictest(of: [IDs.tlpGreen]) == .green)
        #expect(TLPLevel.strictest(of: [IDs.tlpGreen, IDs.tlpAmber, IDs.tlpClear]) == .amber)
        #expect(TLPLevel.strictest(of: [IDs.tlpAmber, IDs.tlpAmberStrict]) == .amberStrict)
        #expect(TLPLevel.strictest(of: [IDs.tlpRed, IDs.tlpClear]) == .red)
        #expect(TLPLevel.strictest(of: [IDs.tlp1White, IDs.tlpGreen]) == .green)
        #expect(TLPLevel.strictest(of: [IDs.tlp1Red, IDs.tlpAmberStrict]) == .red)
        #expect(TLPLevel.strictest(of: [IDs.tlp1Amber, IDs.tlpAmberStrict]) == .amberStrict)
        #expect(TLPLevel.strictest(of: ["marking-definition--00000000-0000-4000-8000-000000000000", IDs.tlpClear, "junk"]) == .clear)
        // Every combination: the strictest equals the maximum of the known levels.
        let ids = TLPLevel.allCases.map(\.markingID) + [IDs.tlp1White, IDs.tlp1Green, IDs.tlp1Amber, IDs.tlp1Red, "unknown"]
        for mask in 0..<(1 << ids.count) {
            let chosen = ids.indices.filter { mask & (1 << $0) != 0 }.map { ids[$0] }
            #expect(TLPLevel.strictest(of: chosen) == chosen.compactMap(TLPLevel.init(markingID:)).max())
        }
    }

    @Test("the extension id is the TLP 2.0 extension definition")
    func extensionID() {
        #expect(TLPLevel.extensionID == IDs.tlpExtension)
    }

    @Test("TLP 1.0 definition values map to levels")
    func legacyValues() {
        #expect(TLPLevel.legacyValue("white") == .clear)
        #expect(TLPLevel.legacyValue("green") == .green)
        #expect(TLPLevel.legacyValue("amber") == .amber)
        #expect(TLPLevel.legacyValue("red") == .red)
        #expect(TLPLevel.legacyValue("clear") == nil)
        #expect(TLPLevel.legacyValue("RED") == nil)
    }
}

@Suite("TLP policy: who may read")
struct TLPReadPolicyTests {
    enum Kind: String, CaseIterable, Sendable {
        case anonymous, submitter, audienceMember, nonAudienceMember, namedRecipient, nonRecipient
    }

    static let submitter = try! MemberID("sub")
    static let audience = try! MemberID("aud")
    static let outsider = try! MemberID("out")
    static let recipient = try! MemberID("rcp")
    static let nonRecipient = try! MemberID("nrc")

    /// The table the policy must implement, written independently of it.
    static func expected(_ level: TLPLevel, _ kind: Kind) -> Bool {
        switch kind {
        case .anonymous: level == .clear
        case .submitter: true
        case .audienceMember: level != .red  // no recipients named
        case .nonAudienceMember: level == .clear || level == .green  // no recipients named
        case .namedRecipient: true  // in the audience, recipients named
        case .nonRecipient: level == .clear || level == .green  // in the audience, recipients named, not among them
        }
    }

    /// The reader, the marking and the audience flag for a kind of reader.
    static func situation(_ level: TLPLevel, _ kind: Kind) -> (TLPPolicy.Reader, TLPPolicy.Marking, Bool) {
        let named: Set<MemberID> = [recipient]
        switch kind {
        case .anonymous:
            return (.anonymous, TLPPolicy.Marking(level: level, recipients: [], submitter: submitter), false)
        case .submitter:
            // Not in the audience and not named: the submitter still reads.
            return (.member(submitter), TLPPolicy.Marking(level: level, recipients: named, submitter: submitter), false)
        case .audienceMember:
            return (.member(audience), TLPPolicy.Marking(level: level, recipients: [], submitter: submitter), true)
        case .nonAudienceMember:
            return (.member(outsider), TLPPolicy.Marking(level: level, recipients: [], submitter: submitter), false)
        case .namedRecipient:
            return (.member(recipient), TLPPolicy.Marking(level: level, recipients: named, submitter: submitter), true)
        case .nonRecipient:
            return (.member(nonRecipient), TLPPolicy.Marking(level: level, recipients: named, submitter: submitter), true)
        }
    }

    @Test("mayRead follows the table for every level and kind of reader", arguments: TLPLevel.allCases, Kind.allCases)
    func table(level: TLPLevel, kind: Kind) {
        let (reader, marking, inAudience) = Self.situation(level, kind)
        #expect(TLPPolicy.mayRead(reader, marking, inAudience: inAudience) == Self.expected(level, kind))
    }

    @Test("anonymous readers see CLEAR only, whatever the audience flag or recipients", arguments: TLPLevel.allCases)
    func anonymous(level: TLPLevel) {
        for inAudience in [false, true] {
            for recipients in [Set<MemberID>(), [Self.recipient]] {
                let marking = TLPPolicy.Marking(level: level, recipients: recipients, submitter: Self.submitter)
                #expect(TLPPolicy.mayRead(.anonymous, marking, inAudience: inAudience) == (level == .clear))
            }
        }
    }

    @Test("the submitter always reads, in or out of the audience, named or not", arguments: TLPLevel.allCases)
    func submitterAlways(level: TLPLevel) {
        for inAudience in [false, true] {
            for recipients in [Set<MemberID>(), [Self.recipient], [Self.recipient, Self.submitter]] {
                let marking = TLPPolicy.Marking(level: level, recipients: recipients, submitter: Self.submitter)
                #expect(TLPPolicy.mayRead(.member(Self.submitter), marking, inAudience: inAudience))
            }
        }
    }

    @Test("CLEAR and GREEN: any member reads, in or out of the audience, named or not")
    func clearAndGreen() {
        for level in [TLPLevel.clear, .green] {
            for inAudience in [false, true] {
                for recipients in [Set<MemberID>(), [Self.recipient]] {
                    let marking = TLPPolicy.Marking(level: level, recipients: recipients, submitter: Self.submitter)
                    #expect(TLPPolicy.mayRead(.member(Self.outsider), marking, inAudience: inAudience))
                    #expect(TLPPolicy.mayRead(.member(Self.recipient), marking, inAudience: inAudience))
                }
            }
        }
    }

    @Test("AMBER and AMBER+STRICT: only the audience, and only the named recipients when there are any", arguments: [TLPLevel.amber, .amberStrict])
    func amber(level: TLPLevel) {
        let open = TLPPolicy.Marking(level: level, recipients: [], submitter: Self.submitter)
        let named = TLPPolicy.Marking(level: level, recipients: [Self.recipient, Self.audience], submitter: Self.submitter)
        #expect(TLPPolicy.mayRead(.member(Self.audience), open, inAudience: true))
        #expect(!TLPPolicy.mayRead(.member(Self.outsider), open, inAudience: false))
        #expect(TLPPolicy.mayRead(.member(Self.recipient), named, inAudience: true))
        #expect(TLPPolicy.mayRead(.member(Self.audience), named, inAudience: true))
        #expect(!TLPPolicy.mayRead(.member(Self.nonRecipient), named, inAudience: true))
        // A named recipient outside the audience does not read AMBER.
        #expect(!TLPPolicy.mayRead(.member(Self.recipient), named, inAudience: false))
    }

    @Test("RED: only the named recipients")
    func red() {
        let unnamed = TLPPolicy.Marking(level: .red, recipients: [], submitter: Self.submitter)
        let named = TLPPolicy.Marking(level: .red, recipients: [Self.recipient], submitter: Self.submitter)
        #expect(!TLPPolicy.mayRead(.member(Self.audience), unnamed, inAudience: true))
        #expect(!TLPPolicy.mayRead(.member(Self.outsider), unnamed, inAudience: false))
        #expect(TLPPolicy.mayRead(.member(Self.recipient), named, inAudience: true))
        #expect(TLPPolicy.mayRead(.member(Self.recipient), named, inAudience: false))
        #expect(!TLPPolicy.mayRead(.member(Self.nonRecipient), named, inAudience: true))
        #expect(!TLPPolicy.mayRead(.member(Self.audience), named, inAudience: true))
    }

    @Test("the visibility condition a store applies admits every object the reader may read, and drops RED not naming it")
    func visibilityAdmitsWhatMayBeRead() {
        let members = [Self.submitter, Self.audience, Self.outsider, Self.recipient, Self.nonRecipient]
        let recipientSets: [[MemberID]] = [[], [Self.recipient], [Self.recipient, Self.audience], [Self.submitter]]
        for level in TLPLevel.allCases {
            for recipients in recipientSets {
                for submitter in [Self.submitter, Self.outsider] {
                    let record = ExchangeObjectRecord(
                        collection: "c", objectID: "indicator--1", version: "v", versionMicros: 1, dateAdded: 1, type: "indicator",
                        specVersion: "2.1", tlp: level.rawValue, recipients: recipients, submitter: submitter, json: [], salt: nil, logIndex: 0)
                    let marking = TLPPolicy.Marking(level: level, recipients: Set(recipients), submitter: submitter)
                    for reader in [TLPPolicy.Reader.anonymous] + members.map(TLPPolicy.Reader.member) {
                        for inAudience in [false, true] {
                            let admitted = TLPPolicy.visibility(of: reader, inAudience: inAudience).admits(record)
                            let readable = TLPPolicy.mayRead(reader, marking, inAudience: inAudience)
                            #expect(admitted || !readable, "\(reader) \(level) \(recipients) by \(submitter), audience \(inAudience)")
                        }
                    }
                }
            }
        }
        let red = ExchangeObjectRecord(
            collection: "c", objectID: "indicator--1", version: "v", versionMicros: 1, dateAdded: 1, type: "indicator", specVersion: "2.1",
            tlp: TLPLevel.red.rawValue, recipients: [Self.recipient], submitter: Self.submitter, json: [], salt: nil, logIndex: 0)
        #expect(!TLPPolicy.visibility(of: .member(Self.audience), inAudience: true).admits(red))
        #expect(!TLPPolicy.visibility(of: .anonymous, inAudience: false).admits(red))
    }
}

@Suite("TLP policy: refusals")
struct TLPRefusalTests {
    /// An object as the validator would produce it, built directly (marking definitions do not pass the validator today).
    static func object(_ json: JSONValue) -> STIXObject {
        STIXObject(
            json: json, id: json["id"]?.string ?? "", type: json["type"]?.string ?? "", specVersion: "2.1",
            created: json["created"]?.string.flatMap(STIXTimestamp.init), modified: json["modified"]?.string.flatMap(STIXTimestamp.init),
            markingRefs: json["object_marking_refs"]?.array?.compactMap(\.string) ?? [],
            granularMarkingRefs: json["granular_markings"]?.array?.compactMap { $0["marking_ref"]?.string } ?? [],
            recipients: json["x_roundtable_recipients"]?.array?.compactMap(\.string))
    }

    static func indicator(markings: [String], recipients: [String]? = nil) throws -> STIXObject {
        var json = validIndicator().setting("object_marking_refs", .array(markings.map(JSONValue.string)))
        if let recipients { json = json.setting("x_roundtable_recipients", .array(recipients.map(JSONValue.string))) }
        return try STIXValidator.validate(json)
    }

    @Test("RED without recipients is refused; RED with recipients is accepted")
    func redNeedsRecipients() throws {
        let refusal = try #require(TLPPolicy.refusal(for: Self.indicator(markings: [IDs.tlpRed])))
        #expect(refusal.contains("x_roundtable_recipients"))
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [IDs.tlpRed], recipients: ["ee"])) == nil)
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [IDs.tlpRed], recipients: ["ee", "fr-mfa"])) == nil)
        // TLP 1.0 RED, and RED among weaker markings, count as RED.
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [IDs.tlp1Red])) != nil)
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [IDs.tlpGreen, IDs.tlpRed])) != nil)
        // An object built with an empty recipient list is refused too.
        #expect(
            TLPPolicy.refusal(
                for: Self.object(validIndicator().setting("object_marking_refs", strs(IDs.tlpRed)).setting("x_roundtable_recipients", .array([])))
            ) != nil
        )
    }

    @Test(
        "objects below RED need no recipients",
        arguments: [IDs.tlpClear, IDs.tlpGreen, IDs.tlpAmber, IDs.tlpAmberStrict, IDs.tlp1White, IDs.tlp1Amber]
    )
    func belowRed(marking: String) throws {
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [marking])) == nil)
    }

    @Test("objects without TLP markings are accepted, and so are references to non-TLP markings the envelope defines")
    func unmarked() throws {
        #expect(TLPPolicy.refusal(for: try STIXValidator.validate(validIndicator().removing("object_marking_refs"))) == nil)
        let statement = "marking-definition--00000000-0000-4000-8000-000000000000"
        #expect(TLPPolicy.refusal(for: try Self.indicator(markings: [statement]), defined: [statement]) == nil)
    }

    @Test("a reference to a marking definition that is neither a standard TLP marking nor defined in the envelope is refused")
    func unknownReference() throws {
        let unknown = "marking-definition--00000000-0000-4000-8000-000000000000"
        let refusal = try #require(TLPPolicy.refusal(for: try Self.indicator(markings: [IDs.tlpGreen, unknown])))
        #expect(refusal.contains(unknown) && refusal.contains("not defined in this envelope"))
        let granular = validIndicator().setting(
            "granular_markings", .array([.object([("marking_ref", .string(unknown)), ("selectors", .array([.string("name")]))])]))
        #expect(TLPPolicy.refusal(for: try STIXValidator.validate(granular)) != nil)
    }

    @Test("a TLP:RED marking only in granular_markings makes the object RED: recipients required, the strictest level wins")
    func granularRed() throws {
        let red = validIndicator().setting(
            "granular_markings", .array([.object([("marking_ref", .string(IDs.tlpRed)), ("selectors", .array([.string("pattern")]))])]))
        let object = try STIXValidator.validate(red)
        #expect(object.granularMarkingRefs == [IDs.tlpRed])
        #expect(TLPLevel.strictest(of: object.allMarkingRefs) == .red)
        #expect(try #require(TLPPolicy.refusal(for: object)).contains("must name its recipients"))
        let named = try STIXValidator.validate(red.setting("x_roundtable_recipients", .array([.string("ke")])))
        #expect(TLPPolicy.refusal(for: named) == nil)
    }

    @Test("a marking definition stating a TLP level under an id that is not the standard one is refused", arguments: [
        #""extensions":{"\#(IDs.tlpExtension)":{"extension_type":"property-extension","tlp_2_0":"clear"}}"#,
        #""definition_type":"tlp","definition":{"tlp":"white"}"#,
    ])
    func nonCanonicalTLPDefinition(_ statement: String) throws {
        let json = try parseJSON(
            #"{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--11111111-1111-4111-8111-111111111111","#
                + #""created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR",\#(statement)}"#)
        #expect(try #require(TLPPolicy.refusal(for: Self.object(json))).contains("not the standard TLP marking"))
    }

    @Test("granular markings must be well formed: selectors, and a marking_ref or a lang")
    func granularShape() {
        for bad: JSONValue in [
            .array([]), .object([]), .array([.object([("marking_ref", .string(IDs.tlpGreen))])]),
            .array([.object([("selectors", .array([.string("name")]))])]),
            .array([.object([("marking_ref", .string("identity--00000000-0000-4000-8000-000000000000")), ("selectors", .array([.string("a")]))])]),
        ] {
            #expect(throws: STIXError.self) { try STIXValidator.validate(validIndicator().setting("granular_markings", bad)) }
        }
    }

    @Test("the genuine TLP 2.0 GREEN marking definition is accepted")
    func genuineGreen() throws {
        let json = try parseJSON(
            #"{"type":"marking-definition","spec_version":"2.1","id":"\#(IDs.tlpGreen)","created":"2022-10-01T00:00:00.000Z","name":"TLP:GREEN","#
                + #""extensions":{"\#(IDs.tlpExtension)":{"extension_type":"property-extension","tlp_2_0":"green"}}}"#
        )
        #expect(json == genuineTLPMarkingDefinition(.green))
        #expect(TLPPolicy.refusal(for: Self.object(json)) == nil)
    }

    @Test("each genuine TLP 2.0 marking definition is accepted", arguments: TLPLevel.allCases)
    func genuineEach(level: TLPLevel) {
        #expect(TLPPolicy.refusal(for: Self.object(genuineTLPMarkingDefinition(level))) == nil)
    }

    @Test("a marking definition with the TLP:GREEN id stating tlp_2_0 red is refused")
    func forgedGreen() throws {
        let json = try parseJSON(
            #"{"type":"marking-definition","spec_version":"2.1","id":"\#(IDs.tlpGreen)","created":"2022-10-01T00:00:00.000Z","name":"TLP:GREEN","#
                + #""extensions":{"\#(IDs.tlpExtension)":{"extension_type":"property-extension","tlp_2_0":"red"}}}"#
        )
        let refusal = try #require(TLPPolicy.refusal(for: Self.object(json)))
        #expect(refusal.contains(IDs.tlpGreen))
    }

    @Test("other redefinitions of TLP ids are refused")
    func otherForgeries() throws {
        let green = genuineTLPMarkingDefinition(.green)
        func withTLP(_ value: JSONValue) -> JSONValue {
            green.setting("extensions", .object([(key: IDs.tlpExtension, value: .object([
                (key: "extension_type", value: str("property-extension")), (key: "tlp_2_0", value: value),
            ]))]))
        }
        // Every other stated level.
        for level in TLPLevel.allCases where level != .green {
            #expect(TLPPolicy.refusal(for: Self.object(withTLP(str(level.value)))) != nil, "\(level)")
        }
        #expect(TLPPolicy.refusal(for: Self.object(withTLP(str("GREEN")))) != nil)
        #expect(TLPPolicy.refusal(for: Self.object(withTLP(.number("1")))) != nil)
        // The right level under a different name.
        #expect(TLPPolicy.refusal(for: Self.object(green.setting("name", str("TLP:RED")))) != nil)
        // Nothing stating the level at all.
        #expect(TLPPolicy.refusal(for: Self.object(green.removing("extensions"))) != nil)
        #expect(TLPPolicy.refusal(for: Self.object(green.removing("extensions", "name"))) != nil)
        // The level under another extension id.
        let otherExtension = green.setting("extensions", .object([(key: "extension-definition--00000000-0000-4000-8000-000000000000", value: .object([
            (key: "extension_type", value: str("property-extension")), (key: "tlp_2_0", value: str("green")),
        ]))]))
        #expect(TLPPolicy.refusal(for: Self.object(otherExtension)) != nil)
        // A TLP:RED id redefined as CLEAR.
        let red = genuineTLPMarkingDefinition(.red)
        #expect(TLPPolicy.refusal(for: Self.object(red.setting("extensions", genuineTLPMarkingDefinition(.clear)["extensions"]))) != nil)
    }

    @Test("TLP 1.0 marking definitions are checked against their definition")
    func legacyDefinitions() throws {
        func legacy(_ id: String, _ tlp: String, name: String) -> JSONValue {
            try! parseJSON(
                #"{"type":"marking-definition","spec_version":"2.1","id":"\#(id)","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","#
                    + #""name":"\#(name)","definition":{"tlp":"\#(tlp)"}}"#
            )
        }
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1White, "white", name: "TLP:WHITE"))) == nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1Green, "green", name: "TLP:GREEN"))) == nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1Amber, "amber", name: "TLP:AMBER"))) == nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1Red, "red", name: "TLP:RED"))) == nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1White, "red", name: "TLP:WHITE"))) != nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1Red, "white", name: "TLP:RED"))) != nil)
        #expect(TLPPolicy.refusal(for: Self.object(legacy(IDs.tlp1Green, "clear", name: "TLP:GREEN"))) != nil)
    }

    @Test("marking definitions with non-TLP ids are not checked")
    func customMarkingDefinition() throws {
        let statement = try parseJSON(
            #"{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--00000000-0000-4000-8000-000000000000","#
                + #""created":"2026-11-29T10:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2026"}}"#
        )
        #expect(TLPPolicy.refusal(for: Self.object(statement)) == nil)
    }

    @Test("a validated GREEN-marked object passes the policy end to end")
    func endToEnd() throws {
        let object = try STIXValidator.validate(try JSONParser.parse(Array(validIndicatorText.utf8)))
        #expect(TLPPolicy.refusal(for: object) == nil)
        #expect(TLPLevel.strictest(of: object.markingRefs) == .green)
    }
}
