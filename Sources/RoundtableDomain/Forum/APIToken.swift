/// The SHA-256 digest of an API token that a member generated and registered under a label.
///
/// The forum never sees the token itself: a client presents the token, the node hashes it and looks the digest up.
public struct APIToken: Hashable, Sendable, Codable {
    /// The label the member gave the token, for example `taxii-2026`.
    public let label: String
    /// The SHA-256 digest of the token's bytes.
    public let sha256: [UInt8]

    /// Validates and creates a token registration.
    /// - Parameters:
    ///   - label: 1–63 lowercase letters, digits, `.`, `_` or `-`.
    ///   - sha256: The 32-byte digest.
    public init(label: String, sha256: [UInt8]) throws(ActError) {
        try Self.validate(label: label)
        guard sha256.count == 32 else { throw ActError(.malformedAct, "a token digest is 32 bytes (64 hex digits)") }
        self.label = label
        self.sha256 = sha256
    }

    private static let allowedLabelBytes = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".utf8)

    /// Checks a token label.
    /// - Parameter label: The label to check.
    public static func validate(label: String) throws(ActError) {
        guard (1...63).contains(label.utf8.count), label.utf8.allSatisfy(allowedLabelBytes.contains) else {
            throw ActError(.malformedAct, "'\(label)' is not a token label: use 1-63 lowercase letters, digits, '.', '_' or '-'")
        }
    }
}
