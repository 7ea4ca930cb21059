#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// libFuzzer target: RFC 9162 inclusion and consistency proofs, differentially against the RFC's recursive definitions
/// (``NaiveTree``) on a tree of 1–160 fuzz-chosen leaves (one byte each, so equal leaves are common).
///
/// - The tree's root and the proofs the log builds are those of the definitions.
/// - Each verifier accepts a claim exactly when it is true. The true proof is mutated by the fuzz input (another leaf,
///   index, size or root, a hash of the proof changed, one added or dropped) and the verifier must accept the result
///   only if it is, by the definitions, a true proof of what it now claims: a proof is never accepted for a leaf at
///   another place, or for a root that is not the tree's.
func fuzzMerkleProof(_ bytes: [UInt8]) {
    var input = FuzzBytes(bytes)
    let size = input.int(below: 160) + 1
    var choices = FuzzBytes(input.bytes(24))
    let data = input.rest()
    let leaves = (0..<size).map { MerkleHasher.leafHash([data.isEmpty ? UInt8(truncatingIfNeeded: $0) : data[$0 % data.count]]) }
    let tree = NaiveTree(leaves)
    guard MerkleHasher.rootHash(of: leaves) == tree.root(size) else { fatalError("the root of \(size) leaves is not MTH") }
    checkInclusion(tree, size: size, &choices)
    checkConsistency(tree, size: size, &choices)
}

/// Builds and verifies an inclusion proof, then a mutation of it.
private func checkInclusion(_ tree: NaiveTree, size: Int, _ choices: inout FuzzBytes) {
    let index = choices.int(below: size)
    guard let proof = try? MerkleProof.inclusion(index: UInt64(index), size: UInt64(size), source: LeafHashes(tree.leaves)),
        proof == tree.path(index, size)
    else { fatalError("the inclusion proof of leaf \(index) in \(size) is not PATH") }
    var claim = (index: index, size: size, leaf: tree.leaves[index], proof: proof, root: tree.root(size))
    switch choices.byte() % 6 {
    case 0: claim.leaf = flipped(claim.leaf, &choices)
    case 1: claim.root = flipped(claim.root, &choices)
    case 2: claim.index = choices.int(below: size + 2)
    case 3: claim.proof = mutated(claim.proof, &choices)
    case 4: claim.leaf = tree.leaves[choices.int(below: size)]
    default:
        claim.size = choices.int(below: size) + 1
        claim.root = tree.root(claim.size)
    }
    let truth = claim.index < claim.size && claim.leaf == tree.leaves[claim.index] && claim.root == tree.root(claim.size)
        && claim.proof == tree.path(claim.index, claim.size)
    let accepted = (try? MerkleProof.verifyInclusion(
        index: UInt64(claim.index), size: UInt64(claim.size), leafHash: claim.leaf, proof: claim.proof, root: claim.root)) != nil
    guard accepted == truth else {
        fatalError("inclusion of leaf \(claim.index) in \(claim.size) (true leaf \(index) in \(size)): accepted \(accepted), true \(truth)")
    }
}

/// Builds and verifies a consistency proof between two sizes of the tree, then a mutation of it.
private func checkConsistency(_ tree: NaiveTree, size: Int, _ choices: inout FuzzBytes) {
    let new = choices.int(below: size) + 1
    let old = choices.int(below: new + 1)
    guard let proof = try? MerkleProof.consistency(from: UInt64(old), to: UInt64(new), source: LeafHashes(tree.leaves)),
        proof == (old == 0 ? [] : tree.proof(old, new))
    else { fatalError("the consistency proof from \(old) to \(new) is not PROOF") }
    var claim = (old: old, new: new, oldRoot: tree.root(old), newRoot: tree.root(new), proof: proof)
    switch choices.byte() % 5 {
    case 0: claim.oldRoot = flipped(claim.oldRoot, &choices)
    case 1: claim.newRoot = flipped(claim.newRoot, &choices)
    case 2: claim.proof = mutated(claim.proof, &choices)
    case 3:
        claim.old = choices.int(below: size + 1)
        claim.oldRoot = tree.root(claim.old)
    default:
        claim.new = choices.int(below: size + 1)
        claim.newRoot = tree.root(claim.new)
    }
    let truth: Bool
    if claim.old > claim.new {
        truth = false
    } else if claim.old == claim.new {
        truth = claim.proof.isEmpty && claim.oldRoot == claim.newRoot
    } else if claim.old == 0 {
        truth = claim.proof.isEmpty
    } else {
        truth = claim.oldRoot == tree.root(claim.old) && claim.newRoot == tree.root(claim.new) && claim.proof == tree.proof(claim.old, claim.new)
    }
    let accepted = (try? MerkleProof.verifyConsistency(
        from: UInt64(claim.old), to: UInt64(claim.new), oldRoot: claim.oldRoot, newRoot: claim.newRoot, proof: claim.proof)) != nil
    guard accepted == truth else {
        fatalError("consistency \(claim.old) -> \(claim.new) (true \(old) -> \(new)): accepted \(accepted), true \(truth)")
    }
}

/// A hash with one fuzz-chosen bit flipped.
private func flipped(_ hash: TreeHash, _ choices: inout FuzzBytes) -> TreeHash {
    var bytes = hash.bytes
    let bit = choices.int(below: 256)
    bytes[bit / 8] ^= 1 << (bit % 8)
    return TreeHash(bytes)
}

/// A proof with one hash flipped, dropped, added or swapped with its neighbour.
private func mutated(_ proof: [TreeHash], _ choices: inout FuzzBytes) -> [TreeHash] {
    var proof = proof
    let position = choices.int(below: proof.count + 1)
    switch choices.byte() % 4 {
    case 0 where position < proof.count: proof[position] = flipped(proof[position], &choices)
    case 1 where position < proof.count: proof.remove(at: position)
    case 2 where position + 1 < proof.count: proof.swapAt(position, position + 1)
    default: proof.insert(proof.isEmpty ? .emptyTree : proof[min(position, proof.count - 1)], at: position)
    }
    return proof
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzMerkleProof(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
