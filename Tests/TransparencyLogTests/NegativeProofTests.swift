import Testing
import TransparencyLog

@Suite("Proofs that must fail")
struct NegativeProofTests {
    let naive = NaiveMerkle(leafCount: 100)

    func flipped(_ hash: TreeHash) -> TreeHash {
        var bytes = hash.bytes
        bytes[7] ^= 0x20
        return TreeHash(bytes)
    }

    // A proof does not bind the tree size on its own when another size has the same shape; the signed checkpoint binds
    // size and root together. The wrong sizes below change the shape, so they must fail.
    @Test("inclusion: wrong index, wrong size, short, long, flipped bit, wrong root, wrong leaf")
    func inclusion() throws {
        let size: UInt64 = 77
        let root = naive.mth(0..<77)
        for index in [0, 5, 63, 64, 76] {
            let proof = naive.path(index, 0..<77)
            let leaf = naive.leaves[index]
            try MerkleProof.verifyInclusion(index: UInt64(index), size: size, leafHash: leaf, proof: proof, root: root)
            let bad: [(UInt64, UInt64, TreeHash, [TreeHash], TreeHash)] = [
                (UInt64(index) ^ 1, size, leaf, proof, root),
                (UInt64(index), 77 * 2, leaf, proof, root),
                (UInt64(index), size, leaf, Array(proof.dropLast()), root),
                (UInt64(index), size, leaf, proof + [root], root),
                (UInt64(index), size, leaf, [flipped(proof[0])] + proof.dropFirst(), root),
                (UInt64(index), size, leaf, proof, flipped(root)),
                (UInt64(index), size, flipped(leaf), proof, root),
                (size, size, leaf, proof, root),
            ]
            for (number, (badIndex, badSize, badLeaf, badProof, badRoot)) in bad.enumerated() {
                #expect(throws: ProofError.self, "case \(number) for index \(index)") {
                    try MerkleProof.verifyInclusion(index: badIndex, size: badSize, leafHash: badLeaf, proof: badProof, root: badRoot)
                }
            }
        }
    }

    @Test("consistency: short, long, flipped bit, swapped roots, wrong old size, rollback, fork at equal size")
    func consistency() throws {
        for (m, n) in [(1, 2), (3, 7), (4, 8), (6, 77), (64, 100), (99, 100)] {
            let proof = naive.proof(m, n)
            let (old, new) = (naive.mth(0..<m), naive.mth(0..<n))
            try MerkleProof.verifyConsistency(from: UInt64(m), to: UInt64(n), oldRoot: old, newRoot: new, proof: proof)
            let bad: [(Int, Int, TreeHash, TreeHash, [TreeHash])] = [
                (m, n, old, new, Array(proof.dropLast())),
                (m, n, old, new, proof + [new]),
                (m, n, old, new, [flipped(proof[0])] + proof.dropFirst()),
                (m, n, new, old, proof),
                (m, n, flipped(old), new, proof),
                (m, n, old, flipped(new), proof),
                (m + 1, n, old, new, proof),
                (n, m, new, old, proof),
                (m, n, old, new, []),
            ]
            for (number, (badM, badN, badOld, badNew, badProof)) in bad.enumerated() {
                #expect(throws: ProofError.self, "case \(number) for \(m) → \(n)") {
                    try MerkleProof.verifyConsistency(from: UInt64(badM), to: UInt64(badN), oldRoot: badOld, newRoot: badNew, proof: badProof)
                }
            }
        }
        #expect(throws: ProofError.self) {
            try MerkleProof.verifyConsistency(from: 5, to: 5, oldRoot: naive.mth(0..<5), newRoot: naive.mth(0..<6), proof: [])
        }
    }
}
