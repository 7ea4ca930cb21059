/// The identifier of a member of the forum: 1–63 characters of lowercase letters, digits and `-`, starting with a
/// letter or digit (for example `ee`, `fr-mfa`, `ke-cert`). `node` is reserved for the node itself.
public struct MemberID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The identifier text.
    public let rawValue: String

    /// Validates and wraps an identifier.
    /// - Parameter rawValue: The identifier text.
    public init(_ rawValue: some StringProtocol) throws(ActError) {
        guard Self.isValid(rawValue) else {
            throw ActError(
                .malformedAct,
                "'\(rawValue)' is not a member id: use 1-63 lowercase letters, digits or '-', not starting with '-', and not 'node'"
            )
        }
        self.rawValue = String(rawValue)
    }

    private static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = text.utf8
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), !bytes.elementsEqual("node".utf8) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: MemberID, rhs: MemberID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
