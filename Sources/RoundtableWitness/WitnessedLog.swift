import Crypto
public import TransparencyLog

/// A log this witness cosigns for: its origin, the keys whose signatures it trusts on that origin's checkpoints, and,
/// for a forum's log the witness audits, where to fetch its entries.
public struct WitnessedLog: Hashable, Sendable {
    /// The log's origin, the first line of its checkpoints.
    public let origin: String
    /// The log's Ed25519 note keys; a checkpoint needs a valid signature from one of them.
    public let keys: [NoteVerifier]
    /// For a forum's log that the witness audits, the log's URL prefix (where `checkpoint`, `tile/…` and
    /// `tile/entries/…` are); `nil` for a log it only checks for consistency.
    public let auditURL: String?

    /// Creates a log's configuration.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - keys: The keys trusted to sign its checkpoints.
    ///   - auditURL: For a forum's log to audit, the log's URL prefix.
    public init(origin: String, keys: [NoteVerifier], auditURL: String? = nil) {
        self.origin = origin
        self.keys = keys
        self.auditURL = auditURL
    }

    /// The lowercase hex SHA-256 of the origin, which names the log in the witness's monitoring URLs
    /// (`/<hash>/checkpoint`).
    public var originHash: String { Self.hash(origin: origin) }

    /// The lowercase hex SHA-256 of an origin.
    /// - Parameter origin: A log's origin.
    public static func hash(origin: String) -> String {
        Hex.encode(SHA256.hash(data: Array(origin.utf8)))
    }
}
