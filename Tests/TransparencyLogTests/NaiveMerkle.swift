import TransparencyLog

/// The RFC 6962 definitions written as directly as possible (recursive MTH, PATH, PROOF), to check the real code.
final class NaiveMerkle {
    let leaves: [TreeHash]
    private var memo: [Range<Int>: TreeHash] = [:]

    init(leafCount: Int) {
        leaves = (0..<leafCount).map { MerkleHasher.leafHash(Array("leaf \($0)".utf8)) }
    }

    func mth(_ range: Range<Int>) -> TreeHash {
        if range.isEmpty { return .emptyTree }
        if range.count == 1 { return leaves[range.lowerBound] }
        if let known = memo[range] { return known }
        var k = 1
        while k * 2 < range.count { k *= 2 }
        let hash = MerkleHasher.nodeHash(mth(range.lowerBound..<(range.lowerBound + k)), mth((range.lowerBound + k)..<range.upperBound))
        memo[range] = hash
        return hash
    }

    func path(_ m: Int, _ range: Range<Int>) -> [TreeHash] {
        if range.count <= 1 { return [] }
        var k = 1
        while k * 2 < range.count { k *= 2 }
        let split = range.lowerBound + k
        return m < k
            ? path(m, range.lowerBound..<split) + [mth(split..<range.upperBound)]
            : path(m - k, split..<range.upperBound) + [mth(range.lowerBound..<split)]
    }

    func proof(_ m: Int, _ n: Int) -> [TreeHash] { subproof(m, 0..<n, true) }

    private func subproof(_ m: Int, _ range: Range<Int>, _ complete: Bool) -> [TreeHash] {
        if m == range.count { return complete ? [] : [mth(range)] }
        var k = 1
        while k * 2 < range.count { k *= 2 }
        let split = range.lowerBound + k
        return m <= k
            ? subproof(m, range.lowerBound..<split, complete) + [mth(split..<range.upperBound)]
            : subproof(m - k, split..<range.upperBound, false) + [mth(range.lowerBound..<split)]
    }
}
