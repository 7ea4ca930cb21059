public import RoundtableDomain

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

    /// Why an object may not be stored with this marking, or `nil` when it may.
    /// - Parameter object: A validated object.
    public static func refusal(for object: STIXObject) -> String? {
        if TLPLevel.strictest(of: object.markingRefs) == .red && (object.recipients ?? []).isEmpty {
            return "a TLP:RED object must name its recipients with x_roundtable_recipients"
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
