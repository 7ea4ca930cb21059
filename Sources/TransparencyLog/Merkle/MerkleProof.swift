/// RFC 9162 §2.1.3 inclusion proofs and §2.1.4 consistency proofs: building them from a tree, and checking them
/// against a root.
public enum MerkleProof {
    /// The inclusion proof of leaf `index` in the tree of `size` leaves, deepest sibling first.
    /// - Parameters:
    ///   - index: The leaf's index.
    ///   - size: The tree size.
    ///   - source: The tree's subtree hashes.
    public static func inclusion(index: UInt64, size: UInt64, source: some SubtreeHashSource) throws -> [TreeHash] {
        guard index < size else { throw ProofError("index \(index) is not in a tree of \(size) leaves") }
        var (offset, count) = (UInt64(0), size)
        var path: [(UInt64, UInt64)] = []
        while count > 1 {
            let split = largestPowerOfTwo(below: count)
            if index - offset < split {
                path.append((offset + split, offset + count))
                count = split
            } else {
                path.append((offset, offset + split))
                offset += split
                count -= split
            }
        }
        return try path.reversed().map { try source.rangeHash($0.0, $0.1) }
    }

    /// The consistency proof from the tree of `oldSize` leaves to the tree of `newSize` leaves, deepest first.
    /// - Parameters:
    ///   - oldSize: The earlier size, 0 < oldSize ≤ newSize.
    ///   - newSize: The later size.
    ///   - source: The later tree's subtree hashes.
    public static func consistency(from oldSize: UInt64, to newSize: UInt64, source: some SubtreeHashSource) throws -> [TreeHash] {
        guard oldSize <= newSize else { throw ProofError("tree size \(oldSize) is larger than \(newSize)") }
        guard oldSize > 0, oldSize < newSize else { return [] }
        var ranges: [(UInt64, UInt64)] = []
        var (offset, m, n, complete) = (UInt64(0), oldSize, newSize, true)
        while m != n {
            let split = largestPowerOfTwo(below: n)
            if m <= split {
                ranges.append((offset + split, offset + n))
                n = split
            } else {
                ranges.append((offset, offset + split))
                offset += split
                m -= split
                n -= split
                complete = false
            }
        }
        if !complete { ranges.append((offset, offset + m)) }
        return try ranges.reversed().map { try source.rangeHash($0.0, $0.1) }
    }

    /// The largest power of two strictly below `n`, for n ≥ 2.
    static func largestPowerOfTwo(below n: UInt64) -> UInt64 {
        UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }
}
