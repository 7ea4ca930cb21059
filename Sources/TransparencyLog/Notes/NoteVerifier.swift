public import Crypto
public import Foundation

/// A public key that verifies Ed25519 signatures on signed notes (signature type `0x01`).
///
/// Its text form is the C2SP verifier key, `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`, for example
/// `example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k`.
public struct NoteVerifier: Hashable, Sendable, CustomStringConvertible {
    /// The signature type byte of Ed25519 note signatures.
    public static let ed25519SignatureType: UInt8 = 0x01

    /// The key name that appears on signature lines.
    public let name: String
    /// The key ID that appears at the start of each signature.
    public let keyID: NoteKeyID
    /// The raw 32-byte Ed25519 public key.
    public let publicKeyBytes: [UInt8]
    private let publicKey: Curve25519.Signing.PublicKey

    /// Creates a verifier from a key name and an Ed25519 public key.
    /// - Parameters:
    ///   - name: The key name; non-empty, without spaces or `+`.
    ///   - publicKey: The Ed25519 public key.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(NoteError) {
        try Self.validate(keyName: name)
        self.name = name
        self.publicKey = publicKey
        self.publicKeyBytes = Array(publicKey.rawRepresentation)
        self.keyID = NoteKeyID(name: name, signatureType: Self.ed25519SignatureType, publicKey: publicKeyBytes)
    }

    /// Parses a verifier key text.
    /// - Parameter text: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`.
    /// - Throws: ``NoteError/Code/malformedKey`` when the text is malformed, names another signature type or
    ///   carries a key ID that does not match the key.
    public init(parsing text: some StringProtocol) throws(NoteError) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].utf8.count == 8, let idBytes = Hex.decode(String(parts[1])) else {
            throw NoteError(.malformedKey, "a verifier key has the form NAME+KEYID+BASE64, with an 8-digit hex key ID")
        }
        guard let keyBytes = Data(base64Encoded: String(parts[2])), keyBytes.count == 33,
            keyBytes.first == Self.ed25519SignatureType
        else {
            throw NoteError(.malformedKey, "the key part of a verifier key must be base64 of 0x01 and a 32-byte Ed25519 key")
        }
        let key: Curve25519.Signing.PublicKey
        do { key = try Curve25519.Signing.PublicKey(rawRepresentation: keyBytes.dropFirst()) } catch {
            throw NoteError(.malformedKey, "the verifier key does not hold a valid Ed25519 public key")
        }
        try self.init(name: String(parts[0]), publicKey: key)
        guard keyID.bytes == idBytes else {
            throw NoteError(.malformedKey, "the key ID \(parts[1]) does not match the key; expected \(keyID)")
        }
    }

    /// The C2SP verifier key text.
    public var description: String {
        "\(name)+\(keyID)+\(Data([Self.ed25519SignatureType] + publicKeyBytes).base64EncodedString())"
    }

    /// Checks an Ed25519 signature over a message.
    /// - Parameters:
    ///   - signature: The 64-byte signature (without the key ID).
    ///   - message: The signed bytes.
    /// - Returns: Whether the signature is valid.
    public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        signature.count == 64 && publicKey.isValidSignature(signature, for: message)
    }

    /// Checks that a key name may be used on a signature line: non-empty, no white space, no `+`.
    /// - Parameter keyName: The name to check.
    public static func validate(keyName: String) throws(NoteError) {
        guard !keyName.isEmpty, !keyName.contains(where: { $0.isWhitespace || $0 == "+" }) else {
            throw NoteError(.malformedKey, "a key name must be non-empty and hold no spaces or '+'")
        }
    }

    public static func == (lhs: NoteVerifier, rhs: NoteVerifier) -> Bool {
        lhs.name == rhs.name && lhs.publicKeyBytes == rhs.publicKeyBytes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(publicKeyBytes)
    }
}
