public import Crypto
import Foundation

/// A witness's Ed25519 cosignature/v1 key (c2sp.org/tlog-cosignature, signature type `0x04`).
///
/// A cosignature says: "as of this time, the largest consistent tree I observed for this origin has this root". It
/// signs `cosignature/v1\ntime <T>\n` followed by the checkpoint's text; the line carries the key ID, an 8-byte
/// big-endian timestamp and the 64-byte signature.
public struct CosignatureVerifier: Hashable, Sendable, CustomStringConvertible {
    /// The signature type byte of cosignature/v1.
    public static let signatureType: UInt8 = 0x04

    /// The witness's key name.
    public let name: String
    /// The key ID: `SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]`.
    public let keyID: NoteKeyID
    /// The raw Ed25519 public key.
    public let publicKeyBytes: [UInt8]

    /// Creates a verifier.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(NoteError) {
        try NoteVerifier.validate(keyName: name)
        self.name = name
        self.publicKeyBytes = Array(publicKey.rawRepresentation)
        self.keyID = NoteKeyID(name: name, signatureType: Self.signatureType, publicKey: publicKeyBytes)
    }

    /// Parses a witness verifier key, `<name>+<hex key ID>+<base64(0x04 ‖ public key)>`.
    public init(parsing text: some StringProtocol) throws(NoteError) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let keyBytes = Data(base64Encoded: String(parts[2])), keyBytes.count == 33,
            keyBytes.first == Self.signatureType,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes.dropFirst())
        else { throw NoteError(.malformedKey, "a cosignature key has the form NAME+KEYID+BASE64(0x04 ‖ Ed25519 key)") }
        try self.init(name: String(parts[0]), publicKey: key)
        guard keyID.description == parts[1] else { throw NoteError(.malformedKey, "the key ID \(parts[1]) does not match the key") }
    }

    public var description: String {
        "\(name)+\(keyID)+\(Data([Self.signatureType] + publicKeyBytes).base64EncodedString())"
    }

    /// Verifies a cosignature line on a checkpoint and returns its timestamp.
    /// - Parameters:
    ///   - signature: A signature line of the checkpoint note naming this key.
    ///   - checkpointText: The checkpoint's note text.
    /// - Returns: The POSIX time the witness stated.
    public func verify(_ signature: NoteSignature, checkpointText: String) throws(NoteError) -> UInt64 {
        guard signature.keyName == name, signature.keyID == keyID, signature.signature.count == 72 else {
            throw NoteError(.badSignature, "not a cosignature/v1 signature of \(name)")
        }
        let timestamp = Self.timestamp(of: signature)
        let message = Self.message(timestamp: timestamp, checkpointText: checkpointText)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes),
            key.isValidSignature(signature.signature.dropFirst(8), for: message)
        else { throw NoteError(.badSignature, "the cosignature of \(name) does not verify") }
        return timestamp
    }

    /// The time a cosignature/v1 line states, read without verifying it: for a line already verified, such as one
    /// stored with the checkpoint it cosigned.
    public static func timestamp(of signature: NoteSignature) -> UInt64 {
        signature.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    static func message(timestamp: UInt64, checkpointText: String) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(checkpointText)".utf8)
    }
}

/// Signs checkpoints as a witness with cosignature/v1.
public struct CosignatureSigner: Sendable {
    /// The matching verifier.
    public let verifier: CosignatureVerifier
    private let privateKey: Curve25519.Signing.PrivateKey

    /// Creates a signer.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(NoteError) {
        self.privateKey = privateKey
        self.verifier = try CosignatureVerifier(name: name, publicKey: privateKey.publicKey)
    }

    /// The cosigner for a key made by `roundtable keygen`: the same Ed25519 key and name, used with cosignature/v1.
    ///
    /// The cosignature message does not name the cosigner, so a key that cosigns should do nothing else.
    /// - Parameter signer: The private key, as read from its key file.
    public init(_ signer: NoteSigner) throws(NoteError) {
        try self.init(name: signer.name, privateKey: signer.privateKey)
    }

    /// Cosigns a checkpoint text at a time.
    /// - Parameters:
    ///   - checkpointText: The checkpoint's note text.
    ///   - timestamp: POSIX seconds, at most 2^63 − 1.
    public func cosign(checkpointText: String, timestamp: UInt64) throws -> NoteSignature {
        precondition(timestamp <= UInt64(Int64.max), "a cosignature timestamp is at most 2^63 - 1")
        let signature = try privateKey.signature(for: CosignatureVerifier.message(timestamp: timestamp, checkpointText: checkpointText))
        let time = (0..<8).map { UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * UInt64($0))) }
        return NoteSignature(keyName: verifier.name, keyID: verifier.keyID, signature: time + Array(signature))
    }
}
