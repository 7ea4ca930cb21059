import TransparencyLog

/// The RFC 9162 §2.1 definitions written out as directly as possible (recursive MTH, PATH and PROOF), the reference the
/// log's proofs and verifiers are checked against.
final class NaiveTree {
    /// The leaf hashes.
    let leaves: [TreeHash]
    private var memo: [Range<Int>: TreeHash] = [:]

    init(_ leaves: [TreeHash]) { self.leaves = leaves }

    /// MTH of the first `size` leaves.
    func root(_ size: Int) -> TreeHash { mth(0..<size) }

    /// PATH(m, D[0:n]), deepest sibling first.
    func path(_ m: Int, _ n: Int) -> [TreeHash] { path(m, 0..<n) }

    /// PROOF(m, D[0:n]), deepest first.
    func proof(_ m: Int, _ n: Int) -> [TreeHash] { subproof(m, 0..<n, true) }

    private func mth(_ range: Range<Int>) -> TreeHash {
        if range.isEmpty { return .emptyTree }
        if range.count == 1 { return leaves[range.lowerBound] }
        if let known = memo[range] { return known }
        let split = range.lowerBound + Self.largestPowerOfTwo(below: range.count)
        let hash = MerkleHasher.nodeHash(mth(range.lowerBound..<split), mth(split..<range.upperBound))
        memo[range] = hash
        return hash
    }

    private func path(_ m: Int, _ range: Range<Int>) -> [TreeHash] {
        if range.count <= 1 { return [] }
        let k = Self.largestPowerOfTwo(below: range.count)
        let split = range.lowerBound + k
        return m < k
            ? path(m, range.lowerBound..<split) + [mth(split..<range.upperBound)]
            : path(m - k, split..<range.upperBound) + [mth(range.lowerBound..<split)]
    }

    private func subproof(_ m: Int, _ range: Range<Int>, _ complete: Bool) -> [TreeHash] {
        if m == range.count { return complete ? [] : [mth(range)] }
        let k = Self.largestPowerOfTwo(below: range.count)
        let split = range.lowerBound + k
        return m <= k
            ? subproof(m, range.lowerBound..<split, complete) + [mth(split..<range.upperBound)]
            : subproof(m - k, split..<range.upperBound, false) + [mth(range.lowerBound..<split)]
    }

    /// The largest power of two strictly below `n` (n ≥ 2).
    private static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }
}
