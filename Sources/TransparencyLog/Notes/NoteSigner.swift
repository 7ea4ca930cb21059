public import Crypto
public import Foundation

/// An Ed25519 private key that signs notes under a key name.
///
/// Its text form is the one used by golang.org/x/mod/sumdb/note:
/// `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>`.
public struct NoteSigner: Sendable {
    /// The key name written on signature lines.
    public var name: String { verifier.name }
    /// The matching verifier.
    public let verifier: NoteVerifier
    let privateKey: Curve25519.Signing.PrivateKey

    /// Creates a signer from a name and a private key.
    /// - Parameters:
    ///   - name: The key name; non-empty, without spaces or `+`.
    ///   - privateKey: The Ed25519 private key.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(NoteError) {
        self.privateKey = privateKey
        self.verifier = try NoteVerifier(name: name, publicKey: privateKey.publicKey)
    }

    /// Generates a new random key.
    /// - Parameter name: The key name; non-empty, without spaces or `+`.
    public static func generate(name: String) throws(NoteError) -> NoteSigner {
        try NoteSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The same private key under another name, for example the node key signing checkpoints under the log's origin.
    /// - Parameter name: The other key name.
    public func renamed(_ name: String) throws(NoteError) -> NoteSigner {
        try NoteSigner(name: name, privateKey: privateKey)
    }

    /// Parses a private key text.
    /// - Parameter text: `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>`, surrounding white space ignored.
    public init(parsing text: some StringProtocol) throws(NoteError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = trimmed.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let idBytes = Hex.decode(parts[3]),
            let seed = Data(base64Encoded: String(parts[4])), seed.count == 33,
            seed.first == NoteVerifier.ed25519SignatureType
        else {
            throw NoteError(.malformedKey, "a private key has the form PRIVATE+KEY+NAME+KEYID+BASE64 with an Ed25519 seed")
        }
        let key: Curve25519.Signing.PrivateKey
        do { key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed.dropFirst()) } catch {
            throw NoteError(.malformedKey, "the private key does not hold a valid Ed25519 seed")
        }
        try self.init(name: String(parts[2]), privateKey: key)
        guard verifier.keyID.bytes == idBytes else {
            throw NoteError(.malformedKey, "the key ID \(parts[3]) does not match the private key")
        }
    }

    /// The private key text. Keep it secret: write it only to files of mode 0600.
    public var privateKeyText: String {
        let seed = Data([NoteVerifier.ed25519SignatureType] + Array(privateKey.rawRepresentation))
        return "PRIVATE+KEY+\(name)+\(verifier.keyID)+\(seed.base64EncodedString())"
    }

    /// Signs a message and returns the signature line's content.
    /// - Parameter message: The bytes to sign; for a note, its text including the final newline.
    public func signature(for message: some DataProtocol) throws -> NoteSignature {
        let signature = try privateKey.signature(for: message)
        return NoteSignature(keyName: name, keyID: verifier.keyID, signature: Array(signature))
    }
}
