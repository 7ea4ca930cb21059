/// Gives the root of any complete subtree of a tree: `2^level` leaves starting at leaf `index · 2^level`.
///
/// Proof generation needs nothing else: every hash in an RFC 9162 proof is a complete subtree or combines several.
public protocol SubtreeHashSource {
    /// The root of the complete subtree of height `level` at position `index` within that level.
    /// - Parameters:
    ///   - level: The subtree's height, 0 for a leaf.
    ///   - index: The subtree's position among the subtrees of that height.
    func subtreeHash(level: Int, index: UInt64) throws -> TreeHash
}

extension SubtreeHashSource {
    /// `MTH(D[start..<end])`, for a range whose start is a multiple of the largest power of two below its length,
    /// as in every range the RFC 9162 proof recursion visits.
    public func rangeHash(_ start: UInt64, _ end: UInt64) throws -> TreeHash {
        precondition(end > start, "a range hash needs at least one leaf")
        var blocks: [TreeHash] = []
        var offset = start
        while offset < end {
            let level = 63 - (end - offset).leadingZeroBitCount
            blocks.append(try subtreeHash(level: level, index: offset >> level))
            offset += UInt64(1) << level
        }
        var root = blocks.removeLast()
        for block in blocks.reversed() { root = MerkleHasher.nodeHash(block, root) }
        return root
    }

    /// The root of the tree of `size` leaves.
    public func rootHash(size: UInt64) throws -> TreeHash {
        size == 0 ? .emptyTree : try rangeHash(0, size)
    }
}

/// The leaf hashes of a whole tree held in memory.
public struct LeafHashes: SubtreeHashSource, Sendable {
    /// The leaf hashes, in order.
    public let hashes: [TreeHash]

    /// Wraps leaf hashes.
    public init(_ hashes: [TreeHash]) { self.hashes = hashes }

    public func subtreeHash(level: Int, index: UInt64) throws -> TreeHash {
        let start = Int(index) << level
        let end = start + (1 << level)
        guard end <= hashes.count else { throw ProofError("subtree beyond the tree") }
        return MerkleHasher.rootHash(of: hashes[start..<end])
    }
}
