/// The right edge of a growing Merkle tree: one hash per set bit of its size, enough to append a leaf or compute the
/// root in O(log n) time and space.
public struct CompactRange: Hashable, Sendable {
    /// The number of leaves appended.
    public private(set) var size: UInt64 = 0
    /// The roots of the complete subtrees that make up the tree, largest (leftmost) first.
    public private(set) var hashes: [TreeHash] = []

    /// Creates an empty range.
    public init() {}

    /// Restores a range that was saved: the tree's size and its subtree roots.
    /// - Parameters:
    ///   - size: The number of leaves.
    ///   - hashes: The roots of the complete subtrees, largest first: one for each set bit of `size`.
    /// - Throws: ``ProofError`` when the count of hashes does not fit the size.
    public init(size: UInt64, hashes: [TreeHash]) throws {
        guard hashes.count == size.nonzeroBitCount else {
            throw ProofError("a tree of \(size) leaves has \(size.nonzeroBitCount) complete subtrees, not \(hashes.count)")
        }
        self.size = size
        self.hashes = hashes
    }

    /// Appends a leaf hash.
    /// - Parameter leafHash: The leaf's hash.
    public mutating func append(_ leafHash: TreeHash) {
        appendSubtree(leafHash, level: 0)
    }

    /// Appends the root of a complete subtree of `2^level` leaves; `size` must be a multiple of `2^level`.
    /// - Parameters:
    ///   - hash: The subtree's root.
    ///   - level: The subtree's height.
    public mutating func appendSubtree(_ hash: TreeHash, level: Int) {
        precondition(size & ((UInt64(1) << level) - 1) == 0, "a subtree of height \(level) must start at a multiple of its size")
        var node = hash
        var bit = UInt64(1) << level
        while size & bit != 0 {
            node = MerkleHasher.nodeHash(hashes.removeLast(), node)
            bit <<= 1
        }
        hashes.append(node)
        size += UInt64(1) << level
    }

    /// The root of the tree of `size` leaves.
    public var rootHash: TreeHash {
        guard var root = hashes.last else { return .emptyTree }
        for hash in hashes.dropLast().reversed() { root = MerkleHasher.nodeHash(hash, root) }
        return root
    }
}
