import RoundtableDomain
public import RoundtableJSON

/// Checks that a JSON value is a STIX 2.1 object as the exchange stores it: identifier and type form, spec version,
/// timestamps and their precision and order, and each type's required properties.
public enum STIXValidator {
    /// The cyber-observable types: no `created`/`modified`, `spec_version` optional.
    public static let observableTypes: Set<String> = [
        "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr",
        "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key",
        "x509-certificate",
    ]

    /// Required properties of the STIX domain, relationship and meta objects, beyond the common ones.
    static let required: [String: [String]] = [
        "attack-pattern": ["name"], "campaign": ["name"], "course-of-action": ["name"], "grouping": ["context", "object_refs"],
        "identity": ["name"], "incident": ["name"], "indicator": ["pattern", "pattern_type", "valid_from"], "infrastructure": ["name"],
        "intrusion-set": ["name"], "malware": ["is_family"], "malware-analysis": ["product"], "note": ["content", "object_refs"],
        "observed-data": ["first_observed", "last_observed", "number_observed"], "opinion": ["opinion", "object_refs"],
        "report": ["name", "published", "object_refs"], "threat-actor": ["name"], "tool": ["name"], "vulnerability": ["name"],
        "relationship": ["relationship_type", "source_ref", "target_ref"], "sighting": ["sighting_of_ref"],
        "language-content": ["object_ref", "contents"], "extension-definition": ["name", "schema", "version", "extension_types"],
    ]

    /// Pairs of timestamps where the second may not come before (or, with `strict`, equal) the first.
    static let ordered: [(first: String, second: String, strict: Bool)] = [
        ("created", "modified", false), ("valid_from", "valid_until", true), ("first_seen", "last_seen", false),
        ("first_observed", "last_observed", false), ("start_time", "stop_time", true),
    ]

    /// The first number anywhere in a value that an IEEE 754 double cannot hold (`1e400`, a 400-digit integer), or `nil`.
    static func firstNumberOutsideDouble(_ json: JSONValue) -> String? {
        switch json {
        case .number(let text): fitsDouble(text) ? nil : text
        case .array(let elements): elements.lazy.compactMap(firstNumberOutsideDouble).first
        case .object(let members): members.lazy.compactMap { firstNumberOutsideDouble($0.value) }.first
        case .null, .bool, .string: nil
        }
    }

    /// Whether a JSON number's text is within a double's range. Without an exponent and with fewer than 309 characters
    /// it is (at most 308 digits, below 1.8e308), which is nearly every number, so only the others are parsed.
    static func fitsDouble(_ text: String) -> Bool {
        if text.utf8.count < 309, !text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return true }
        return Double(text)?.isFinite == true
    }

    /// Validates an object.
    /// - Parameter json: The object's JSON.
    /// - Returns: The object with its properties read.
    public static func validate(_ json: JSONValue) throws(STIXError) -> STIXObject {
        guard let members = json.members else { throw STIXError("a STIX object is a JSON object") }
        guard let type = json["type"]?.string else { throw STIXError("the required property 'type' is missing or not a string") }
        guard isValidType(type) else {
            throw STIXError("type '\(type)' is not a STIX type: 3-250 lowercase letters, digits and hyphens, starting with a letter")
        }
        guard let id = json["id"]?.string else { throw STIXError("the required property 'id' is missing or not a string") }
        guard isValidIdentifier(id, type: type) else {
            throw STIXError("id '\(id)' must be '\(type)--' followed by an RFC 4122 UUID (version 1-5, variant 10xx)")
        }
        if let number = firstNumberOutsideDouble(json) {
            let shown = number.count > 40 ? number.prefix(40) + "…" : number
            throw STIXError("the number \(shown) does not fit an IEEE 754 double: STIX is exchanged as I-JSON (RFC 7493)")
        }
        let observable = observableTypes.contains(type)
        if let value = json["spec_version"], value.string == nil {
            throw STIXError("spec_version must be the string \"2.1\"")
        }
        let specVersion = json["spec_version"]?.string
        if let specVersion {
            guard specVersion == "2.1" else { throw STIXError("spec_version '\(specVersion)' is not supported; this server takes STIX 2.1") }
        } else if !observable {
            throw STIXError("the required property 'spec_version' is missing (STIX 2.1 objects carry \"spec_version\": \"2.1\")")
        }
        var timestamps: [String: STIXTimestamp] = [:]
        for member in members {
            guard member.key.count <= 250 else { throw STIXError("property name '\(member.key.prefix(40))…' is longer than 250 characters") }
            guard isTimestampProperty(member.key) else { continue }
            guard let text = member.value.string, let timestamp = STIXTimestamp(text) else {
                throw STIXError("\(member.key) must be an RFC 3339 UTC timestamp such as 2026-11-29T10:00:00.000Z")
            }
            timestamps[member.key] = timestamp
        }
        if !observable {
            // Marking definitions are not versioned: they have `created` but no `modified`.
            for name in type == "marking-definition" ? ["created"] : ["created", "modified"] {
                guard let timestamp = timestamps[name] else { throw STIXError("the required property '\(name)' is missing") }
                guard timestamp.precision >= 3 else { throw STIXError("\(name) must be precise to the millisecond (e.g. 2026-11-29T10:00:00.000Z)") }
            }
        }
        for rule in ordered {
            if let first = timestamps[rule.first], let second = timestamps[rule.second], rule.strict ? second <= first : second < first {
                throw STIXError("\(rule.second) (\(second)) must be \(rule.strict ? "later than" : "no earlier than") \(rule.first) (\(first))")
            }
        }
        for name in required[type] ?? [] where json[name] == nil {
            throw STIXError("a \(type) object requires the property '\(name)'")
        }
        let markingRefs = try identifiers(json["object_marking_refs"], "object_marking_refs", prefix: "marking-definition--")
        let granularRefs = try granularMarkingRefs(json["granular_markings"])
        let recipients = try recipientList(json["x_roundtable_recipients"])
        return STIXObject(
            json: json, id: id, type: type, specVersion: specVersion ?? "2.1", created: timestamps["created"], modified: timestamps["modified"],
            markingRefs: markingRefs, granularMarkingRefs: granularRefs, recipients: recipients)
    }

    /// Whether a property holds a timestamp by STIX naming (`created`, `modified`, `valid_from`, `*_time`, …).
    static func isTimestampProperty(_ name: String) -> Bool {
        ["created", "modified", "valid_from", "valid_until", "first_seen", "last_seen", "first_observed", "last_observed", "published",
         "start_time", "stop_time"].contains(name)
    }

    /// `^[a-z][a-z0-9-]{1,248}[a-z0-9]$`-like: 3–250 characters, lowercase letters, digits and single hyphens.
    static func isValidType(_ type: String) -> Bool {
        let bytes = Array(type.utf8)
        guard (3...250).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]) else { return false }
        var previousHyphen = false
        for byte in bytes {
            let hyphen = byte == UInt8(ascii: "-")
            guard hyphen || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte),
                !(hyphen && previousHyphen)
            else { return false }
            previousHyphen = hyphen
        }
        return !previousHyphen
    }

    /// `<type>--<UUID>` with an RFC 4122 UUID of version 1–5.
    public static func isValidIdentifier(_ id: String, type: String) -> Bool {
        let prefix = type + "--"
        guard id.hasPrefix(prefix) else { return false }
        let uuid = Array(id.utf8.dropFirst(prefix.utf8.count))
        guard uuid.count == 36 else { return false }
        for (offset, byte) in uuid.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHexDigit(byte) else { return false }
            }
        }
        let version = uuid[14]
        let variant = uuid[19] | 0x20
        return (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(version)
            && [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(variant)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func identifiers(_ value: JSONValue?, _ name: String, prefix: String) throws(STIXError) -> [String] {
        guard let value else { return [] }
        guard let elements = value.array, !elements.isEmpty else { throw STIXError("\(name) must be a non-empty list of identifiers") }
        var result: [String] = []
        for element in elements {
            guard let id = element.string, id.hasPrefix(prefix), isValidIdentifier(id, type: String(prefix.dropLast(2))) else {
                throw STIXError("\(name) must list \(prefix)… identifiers; found \(element)")
            }
            result.append(id)
        }
        return result
    }

    /// The `marking_ref` of each granular marking (STIX 2.1 §7.2.3): a non-empty list of objects, each with a non-empty
    /// `selectors` list and either a `marking_ref` or a `lang`.
    private static func granularMarkingRefs(_ value: JSONValue?) throws(STIXError) -> [String] {
        guard let value else { return [] }
        guard let elements = value.array, !elements.isEmpty else { throw STIXError("granular_markings must be a non-empty list") }
        var refs: [String] = []
        for element in elements {
            guard element.members != nil, let selectors = element["selectors"]?.array, !selectors.isEmpty,
                selectors.allSatisfy({ $0.string != nil })
            else {
                throw STIXError("each granular marking is an object with a non-empty 'selectors' list of strings")
            }
            switch (element["marking_ref"], element["lang"]) {
            case (let ref?, nil):
                guard let id = ref.string, id.hasPrefix("marking-definition--"), isValidIdentifier(id, type: "marking-definition") else {
                    throw STIXError("a granular marking's marking_ref must be a marking-definition--… identifier; found \(ref)")
                }
                refs.append(id)
            case (nil, let lang?) where lang.string != nil: continue
            default: throw STIXError("a granular marking has either a marking_ref or a lang, not both or neither")
            }
        }
        return refs
    }

    private static func recipientList(_ value: JSONValue?) throws(STIXError) -> [String]? {
        guard let value else { return nil }
        guard let elements = value.array, !elements.isEmpty, elements.allSatisfy({ $0.string.map { (try? MemberID($0)) != nil } ?? false }) else {
            throw STIXError("x_roundtable_recipients must be a non-empty list of member ids")
        }
        return elements.compactMap(\.string)
    }
}
