import Crypto
public import TransparencyLog

/// A log this witness cosigns for: its origin and the keys whose signatures it trusts on that origin's checkpoints.
public struct WitnessedLog: Hashable, Sendable {
    /// The log's origin, the first line of its checkpoints.
    public let origin: String
    /// The log's Ed25519 note keys; a checkpoint needs a valid signature from one of them.
    public let keys: [NoteVerifier]

    /// Creates a log's configuration.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - keys: The keys trusted to sign its checkpoints.
    public init(origin: String, keys: [NoteVerifier]) {
        self.origin = origin
        self.keys = keys
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
