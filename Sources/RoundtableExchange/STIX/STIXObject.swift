public import RoundtableJSON

/// A STIX 2.1 object that passed ``STIXValidator``: its JSON and the properties the exchange works with.
public struct STIXObject: Sendable {
    /// The object as submitted.
    public let json: JSONValue
    /// `<type>--<UUID>`.
    public let id: String
    /// The object's type.
    public let type: String
    /// `2.1`.
    public let specVersion: String
    /// When the object was created (absent on cyber-observable objects).
    public let created: STIXTimestamp?
    /// When this version was made (absent on objects without versions).
    public let modified: STIXTimestamp?
    /// The marking definitions the object references as a whole (`object_marking_refs`).
    public let markingRefs: [String]
    /// The marking definitions its `granular_markings` reference for parts of it.
    public let granularMarkingRefs: [String]
    /// The members named by `x_roundtable_recipients`, if any.
    public let recipients: [String]?

    /// Every marking definition the object references, as a whole or for a part: its TLP level is the strictest of
    /// them.
    public var allMarkingRefs: [String] { markingRefs + granularMarkingRefs }

    /// The object's version for TAXII: `modified`, else `created`, else none.
    public var version: STIXTimestamp? { modified ?? created }
}
