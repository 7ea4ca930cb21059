extension MerkleProof {
    /// Checks that a leaf is in a tree (RFC 9162 §2.1.3.2).
    /// - Parameters:
    ///   - index: The leaf's index.
    ///   - size: The tree size.
    ///   - leafHash: The leaf's hash.
    ///   - proof: The inclusion proof, deepest sibling first.
    ///   - root: The tree's root, from a verified checkpoint.
    /// - Throws: ``ProofError`` when the proof does not lead to `root`.
    public static func verifyInclusion(index: UInt64, size: UInt64, leafHash: TreeHash, proof: [TreeHash], root: TreeHash) throws {
        guard try rootFromInclusion(index: index, size: size, leafHash: leafHash, proof: proof) == root else {
            throw ProofError("the inclusion proof of leaf \(index) does not lead to the root of tree size \(size)")
        }
    }

    /// The root an inclusion proof leads to.
    public static func rootFromInclusion(index: UInt64, size: UInt64, leafHash: TreeHash, proof: [TreeHash]) throws -> TreeHash {
        guard index < size else { throw ProofError("index \(index) is not in a tree of \(size) leaves") }
        var (fn, sn, root) = (index, size - 1, leafHash)
        for sibling in proof {
            guard sn != 0 else { throw ProofError("the inclusion proof is too long") }
            if fn & 1 == 1 || fn == sn {
                root = MerkleHasher.nodeHash(sibling, root)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                root = MerkleHasher.nodeHash(root, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw ProofError("the inclusion proof is too short") }
        return root
    }

    /// Checks that the tree of `oldSize` leaves is a prefix of the tree of `newSize` leaves (RFC 9162 §2.1.4.2).
    /// - Parameters:
    ///   - oldSize: The earlier size.
    ///   - newSize: The later size.
    ///   - oldRoot: The earlier root.
    ///   - newRoot: The later root.
    ///   - proof: The consistency proof, deepest first.
    /// - Throws: ``ProofError`` when the trees are not consistent.
    public static func verifyConsistency(
        from oldSize: UInt64,
        to newSize: UInt64,
        oldRoot: TreeHash,
        newRoot: TreeHash,
        proof: [TreeHash]
    ) throws {
        guard oldSize <= newSize else { throw ProofError("tree size \(oldSize) is larger than \(newSize): a rollback") }
        if oldSize == newSize {
            guard proof.isEmpty, oldRoot == newRoot else { throw ProofError("two different roots for tree size \(oldSize): a fork") }
            return
        }
        if oldSize == 0 {
            guard proof.isEmpty else { throw ProofError("a consistency proof from the empty tree must be empty") }
            return
        }
        guard !proof.isEmpty else { throw ProofError("the consistency proof is empty") }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var (fn, sn) = (oldSize - 1, newSize - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var (fr, sr) = (path[0], path[0])
        for node in path.dropFirst() {
            guard sn != 0 else { throw ProofError("the consistency proof is too long") }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHasher.nodeHash(node, fr)
                sr = MerkleHasher.nodeHash(node, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHasher.nodeHash(sr, node)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw ProofError("the consistency proof is too short") }
        guard fr == oldRoot, sr == newRoot else {
            throw ProofError("tree size \(oldSize) is not a prefix of tree size \(newSize): the log forked")
        }
    }
}
