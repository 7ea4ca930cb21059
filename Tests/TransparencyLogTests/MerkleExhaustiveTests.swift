import Testing
import TransparencyLog

@Suite("Every tree size up to 300, against the naive definitions")
struct MerkleExhaustiveTests {
    static let maximumSize = 300

    /// Grows a tree one leaf at a time with the tile builder and checks every size.
    @Test("tile integration, roots, inclusion and consistency proofs for every size and index up to 300")
    func everySize() throws {
        let naive = NaiveMerkle(leafCount: Self.maximumSize)
        var tiles: [TileKey: [TreeHash]] = [:]
        for size in 1...Self.maximumSize {
            let edge = tiles.filter { key, _ in TileBuilder.edgeKeys(treeSize: UInt64(size - 1)).contains(key) }
            let integration = try TileBuilder.integrate(size: UInt64(size - 1), leafHashes: [naive.leaves[size - 1]], edge: edge)
            tiles.merge(integration.tiles) { $1 }
            let root = naive.mth(0..<size)
            #expect(integration.root == root, "root of size \(size)")
            let source = TileHashSource(tiles: tiles)
            #expect(try source.rootHash(size: UInt64(size)) == root)
            for index in 0..<size {
                let proof = try MerkleProof.inclusion(index: UInt64(index), size: UInt64(size), source: source)
                #expect(proof == naive.path(index, 0..<size), "inclusion of \(index) in \(size)")
                try MerkleProof.verifyInclusion(index: UInt64(index), size: UInt64(size), leafHash: naive.leaves[index], proof: proof, root: root)
            }
            for old in 1...size {
                let proof = try MerkleProof.consistency(from: UInt64(old), to: UInt64(size), source: source)
                #expect(proof == naive.proof(old, size), "consistency \(old) → \(size)")
                try MerkleProof.verifyConsistency(from: UInt64(old), to: UInt64(size), oldRoot: naive.mth(0..<old), newRoot: root, proof: proof)
            }
        }
    }

    @Test("integrating many leaves at once gives the same tiles as one at a time")
    func batchIntegration() throws {
        let naive = NaiveMerkle(leafCount: 70_000)
        var tiles: [TileKey: [TreeHash]] = [:]
        var size = 0
        for chunk in [1, 254, 1, 300, 65_000, 4_444] {
            let edge = tiles.filter { key, _ in TileBuilder.edgeKeys(treeSize: UInt64(size)).contains(key) }
            let integration = try TileBuilder.integrate(size: UInt64(size), leafHashes: Array(naive.leaves[size..<(size + chunk)]), edge: edge)
            tiles.merge(integration.tiles) { $1 }
            size += chunk
            #expect(integration.root == MerkleHasher.rootHash(of: naive.leaves[0..<size]))
        }
        #expect(size == 70_000)
        let expected = TileLayout.allTiles(treeSize: 70_000)
        #expect(Set(tiles.keys) == Set(expected.map { TileKey(level: $0.level, index: $0.index) }))
        for tile in expected { #expect(tiles[TileKey(level: tile.level, index: tile.index)]?.count == tile.width) }
    }
}
