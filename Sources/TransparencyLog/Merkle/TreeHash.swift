import Crypto
import Foundation

/// A 32-byte SHA-256 hash in a Merkle tree: a leaf hash, an interior node hash or a tree root.
///
/// Stored inline (no heap allocation), so arrays of hashes are compact and copying one is cheap.
public struct TreeHash: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    private var storage: SIMD32<UInt8>

    /// Creates a hash from 32 bytes.
    /// - Parameter bytes: Exactly 32 bytes.
    public init(_ bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a tree hash is 32 bytes")
        storage = SIMD32()
        for (offset, byte) in bytes.enumerated() { storage[offset] = byte }
    }

    /// Creates a hash from the first 32 bytes of a raw buffer.
    /// - Parameter buffer: At least 32 bytes.
    public init(copying buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count >= Self.byteCount, "a tree hash is 32 bytes")
        storage = SIMD32()
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<Self.byteCount])) }
    }

    init(_ digest: SHA256.Digest) {
        storage = SIMD32()
        digest.withUnsafeBytes { buffer in Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: buffer) } }
    }

    /// Decodes a standard base64 hash, as in a checkpoint or a proof line.
    /// - Parameter base64: 44 characters of padded base64.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)), data.count == Self.byteCount else { return nil }
        self.init(data)
    }

    /// The hash of the empty tree, SHA-256 of no bytes.
    public static let emptyTree = TreeHash(SHA256.hash(data: [UInt8]()))

    /// Calls `body` with the hash's 32 bytes.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }

    /// The 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Standard padded base64, as written in checkpoints and proofs.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// Lowercase hexadecimal.
    public var description: String { Hex.encode(bytes) }
}
