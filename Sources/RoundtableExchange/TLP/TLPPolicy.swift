public import RoundtableDomain
import RoundtableJSON

/// Who may read an object, by its TLP level, its recipients, its submitter and the collection (docs/exchange.md).
public enum TLPPolicy {
    /// Who is reading.
    public enum Reader: Hashable, Sendable {
        /// Someone without credentials: public collections only, TLP:CLEAR only.
        case anonymous
        /// A member, authenticated by its API token.
        case member(MemberID)
    }

    /// What the policy needs to know of a stored object.
    public struct Marking: Hashable, Sendable {
        /// The effective level: the strictest TLP marking, or the collection's default.
        public let level: TLPLevel
        /// The members the object names with `x_roundtable_recipients`; empty when it names none.
        public let recipients: Set<MemberID>
        /// The member who submitted it.
        public let submitter: MemberID

        /// Creates a marking.
        public init(level: TLPLevel, recipients: Set<MemberID>, submitter: MemberID) {
            self.level = level
            self.recipients = recipients
            self.submitter = submitter
        }
    }

    /// Whether a reader who may read the collection may read an object in it.
    /// - Parameters:
    ///   - reader: Who is reading.
    ///   - marking: The object's level, recipients and submitter.
    ///   - inAudience: Whether the reader is in the collection's audience (members it is shared with).
    public static func mayRead(_ reader: Reader, _ marking: Marking, inAudience: Bool) -> Bool {
        guard case .member(let member) = reader else { return marking.level == .clear }
        if member == marking.submitter { return true }
        switch marking.level {
        case .clear, .green: return true
        case .amber, .amberStrict: return inAudience && (marking.recipients.isEmpty || marking.recipients.contains(member))
        case .red: return marking.recipients.contains(member)
        }
    }

    /// The necessary condition of ``mayRead(_:_:inAudience:)`` a store can put in its query: every object the reader
    /// may read passes it (a test checks every combination of level, recipients and submitter).
    /// - Parameters:
    ///   - reader: Who is reading.
    ///   - inAudience: Whether the reader is in the collection's audience.
    public static func visibility(of reader: Reader, inAudience: Bool) -> ExchangeVisibility {
        guard case .member(let member) = reader else { return ExchangeVisibility(openLevel: TLPLevel.clear.rawValue, member: nil) }
        return ExchangeVisibility(openLevel: (inAudience ? TLPLevel.amberStrict : .green).rawValue, member: member)
    }

    /// Why an object may not be stored with this marking, or `nil` when it may.
    ///
    /// It fails closed: an object whose TLP level the node cannot tell exactly is refused, never stored at a default.
    /// The level is the strictest TLP marking referenced anywhere in the object (`object_marking_refs` and
    /// `granular_markings`); a reference to a marking definition that is neither a standard TLP 1.0/2.0 marking nor
    /// defined in the same envelope is refused, and so is a definition that states a TLP level under another id.
    /// - Parameters:
    ///   - object: A validated object.
    ///   - defined: The ids of the marking definitions the same envelope holds.
    public static func refusal(for object: STIXObject, defined: Set<String> = []) -> String? {
        if TLPLevel.strictest(of: object.allMarkingRefs) == .red && (object.recipients ?? []).isEmpty {
            return "a TLP:RED object must name its recipients with x_roundtable_recipients"
        }
        if let unknown = object.allMarkingRefs.first(where: { TLPLevel(markingID: $0) == nil && !defined.contains($0) }) {
            return "it references the marking definition \(unknown), which is not a standard TLP marking and is not defined in this "
                + "envelope, so its TLP level cannot be told; send the definition with the object, or use the standard TLP markings"
        }
        if object.type == "marking-definition", TLPLevel(markingID: object.id) == nil, states(tlpIn: object.json) {
            return "marking definition \(object.id) states a TLP level under an id that is not the standard TLP marking's; reference the "
                + "standard TLP marking definitions instead"
        }
        if object.type == "marking-definition", let claimed = TLPLevel(markingID: object.id) {
            let stated = object.json["extensions"]?[TLPLevel.extensionID]?["tlp_2_0"]?.string
            let name = object.json["name"]?.string
            let legacy = object.json["definition"]?["tlp"]?.string
            let consistent =
                stated.map { $0 == claimed.value } ?? legacy.map { TLPLevel.legacyValue($0) == claimed } ?? false
            if !consistent || (name != nil && name != claimed.description && stated != nil) {
                return "marking definition \(object.id) is \(claimed) but states another level; TLP markings cannot be redefined"
            }
        }
        return nil
    }
}

extension TLPPolicy {
    /// Whether a marking definition states a TLP level: a TLP 2.0 extension, a TLP 1.0 `definition_type`, or a
    /// `definition.tlp`.
    static func states(tlpIn definition: JSONValue) -> Bool {
        definition["extensions"]?[TLPLevel.extensionID] != nil || definition["definition_type"]?.string == "tlp"
            || definition["definition"]?["tlp"] != nil
    }
}

extension TLPLevel {
    /// The level a TLP 1.0 `definition.tlp` value stands for.
    static func legacyValue(_ value: String) -> TLPLevel? {
        switch value {
        case "white": .clear
        case "green": .green
        case "amber": .amber
        case "red": .red
        default: nil
        }
    }
}
