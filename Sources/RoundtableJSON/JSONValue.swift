/// A JSON value exactly as a document wrote it: object members keep their order, numbers keep their text, and strings
/// compare by their UTF-8 bytes (not by Unicode canonical equivalence).
///
/// STIX objects are stored and served as the bytes their submitter sent (re-serialized compactly), so nothing is
/// lost or reordered by a round trip through this type.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number, as written (`1`, `-0.5`, `1e3`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object's members in document order.
    case object([(key: String, value: JSONValue)])

    /// The member with this key, for an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, for a string value.
    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The elements, for an array.
    public var array: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The members, for an object.
    public var members: [(key: String, value: JSONValue)]? {
        if case .object(let value) = self { value } else { nil }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)), (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let value), .string(let value): hasher.combine(Array(value.utf8))
        case .array(let value): hasher.combine(value)
        case .object(let members):
            for member in members {
                hasher.combine(Array(member.key.utf8))
                hasher.combine(member.value)
            }
        }
    }
}
