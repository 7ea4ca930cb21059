import RoundtableJSON

/// The members of a sealed document's JSON object, read by name with the type each field must have.
///
/// A field that is absent or `null` is missing; members the document type does not know are ignored. Every refusal
/// names the field, as ``SealedDocuments/open(_:as:commitment:)`` reports it.
public struct SealedFields {
    private let members: [(key: String, value: JSONValue)]

    /// Reads the fields of a JSON text that must be an object.
    /// - Parameter bytes: The document's bytes.
    /// - Throws: ``ActError`` when the text is not JSON or not an object.
    init(parsing bytes: [UInt8]) throws(ActError) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw ActError(.malformedAct, "it does not parse (\(error))") }
        guard let members = value.members else { throw ActError(.malformedAct, "it is not a JSON object") }
        self.members = members
    }

    private func value(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    /// A string field that must be there.
    public func string(_ key: String) throws(ActError) -> String {
        guard let value = try optionalString(key) else { throw Self.missing(key) }
        return value
    }

    /// A string field that may be absent or `null`.
    public func optionalString(_ key: String) throws(ActError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw Self.wrongType(key) }
        return string
    }

    /// An array of strings that must be there.
    public func strings(_ key: String) throws(ActError) -> [String] {
        guard let value = value(key) else { throw Self.missing(key) }
        guard let elements = value.array else { throw Self.wrongType(key) }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard let string = element.string else { throw Self.wrongType(key) }
            strings.append(string)
        }
        return strings
    }

    /// A string field that must be one of a type's raw values.
    public func value<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(ActError) -> Value {
        guard let value = Value(rawValue: try string(key)) else { throw Self.wrongType(key) }
        return value
    }

    private static func missing(_ key: String) -> ActError { ActError(.malformedAct, "the field '\(key)' is missing") }

    private static func wrongType(_ key: String) -> ActError { ActError(.malformedAct, "the field '\(key)' has the wrong type") }
}
