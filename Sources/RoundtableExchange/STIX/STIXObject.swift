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
    /// The marking definitions the object references.
    public let markingRefs: [String]
    /// The members named by `x_roundtable_recipients`, if any.
    public let recipients: [String]?

    /// The object's version for TAXII: `modified`, else `created`, else none.
    public var version: STIXTimestamp? { modified ?? created }
}
