import Crypto

/// The 32-bit identifier that names a key on a signature line: the first four bytes, big-endian, of
/// `SHA-256(name ‖ 0x0A ‖ signatureType ‖ publicKey)` (c2sp.org/signed-note).
public struct NoteKeyID: Hashable, Sendable, CustomStringConvertible {
    /// The identifier as an integer.
    public let value: UInt32

    /// Wraps an identifier read from a signature line or a verifier key.
    public init(_ value: UInt32) { self.value = value }

    /// Derives the identifier of a key.
    /// - Parameters:
    ///   - name: The key name.
    ///   - signatureType: The signature type byte (`0x01` for Ed25519, `0x04` for cosignature/v1).
    ///   - publicKey: The raw public key bytes.
    public init(name: String, signatureType: UInt8, publicKey: some Sequence<UInt8>) {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [0x0A, signatureType])
        hasher.update(data: Array(publicKey))
        let digest = Array(hasher.finalize())
        self.init(digest[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// The four bytes as they appear at the start of an encoded signature.
    public var bytes: [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Eight lowercase hexadecimal digits, as in a verifier key text.
    public var description: String { Hex.encode(bytes) }
}
