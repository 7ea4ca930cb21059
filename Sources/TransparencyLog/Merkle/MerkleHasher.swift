import Crypto
public import Foundation

/// RFC 9162 §2.1.1 hashing: `SHA-256(0x00 ‖ entry)` for leaves, `SHA-256(0x01 ‖ left ‖ right)` for nodes.
public enum MerkleHasher {
    /// The hash of a leaf.
    /// - Parameter entry: The entry's bytes.
    public static func leafHash(_ entry: some ContiguousBytes) -> TreeHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        entry.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return TreeHash(hasher.finalize())
    }

    /// The hash of an interior node.
    /// - Parameters:
    ///   - left: The left child's hash.
    ///   - right: The right child's hash.
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer[0] = 0x01
            left.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[1..<33]).copyMemory(from: $0) }
            right.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[33..<65]).copyMemory(from: $0) }
            var hasher = SHA256()
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return TreeHash(hasher.finalize())
        }
    }

    /// The root of a tree whose leaf hashes are given, computed without recursion.
    /// - Parameter leafHashes: The leaf hashes in order; an empty collection gives ``TreeHash/emptyTree``.
    public static func rootHash(of leafHashes: some Collection<TreeHash>) -> TreeHash {
        var range = CompactRange()
        for hash in leafHashes { range.append(hash) }
        return range.rootHash
    }
}
