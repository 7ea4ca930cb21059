import Crypto
import Foundation

/// A 32-byte SHA-256 hash in a Merkle tree: a leaf hash, an interior node hash or a tree root.
///
/// Stored inline as four words (no heap allocation, 8-byte alignment), so arrays of hashes are compact and copying
/// one is cheap.
public struct TreeHash: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a hash.
    public static let byteCount = 32

    private typealias Words = (UInt64, UInt64, UInt64, UInt64)
    private var storage: Words = (0, 0, 0, 0)

    public static func == (lhs: TreeHash, rhs: TreeHash) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1 && lhs.storage.2 == rhs.storage.2
            && lhs.storage.3 == rhs.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    /// Creates a hash from 32 bytes.
    /// - Parameter bytes: Exactly 32 bytes.
    public init(_ bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a tree hash is 32 bytes")
        Swift.withUnsafeMutableBytes(of: &storage) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = byte }
        }
    }

    /// Creates a hash from the first 32 bytes of a raw buffer.
    /// - Parameter buffer: At least 32 bytes.
    public init(copying buffer: UnsafeRawBufferPointer) {
        precondition(buffer.count >= Self.byteCount, "a tree hash is 32 bytes")
        Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<Self.byteCount])) }
    }

    init(_ digest: SHA256.Digest) {
        digest.withUnsafeBytes { buffer in Swift.withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: buffer) } }
    }

    /// Decodes a standard base64 hash, as in a checkpoint or a proof line.
    /// - Parameter base64: 44 characters of padded base64, in the one spelling ``base64`` writes: Foundation also
    ///   decodes others (other bits after the last byte, `=` elsewhere), which are refused, so that a checkpoint or
    ///   proof read is written back byte for byte.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)), data.count == Self.byteCount else { return nil }
        self.init(data)
        guard self.base64 == base64 else { return nil }
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
