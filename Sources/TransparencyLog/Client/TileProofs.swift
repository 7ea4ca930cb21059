/// Builds proofs for a tree of a given size from tiles that are fetched as the computation needs them.
///
/// The fetch function returns a tile's hashes as that tree has them; a verifying client authenticates each tile
/// before returning it (see ``AuthenticatedTiles``), a server reads them from its storage.
public struct TileProofs: Sendable {
    /// The tree size the proofs are for.
    public let treeSize: UInt64
    private let fetch: @Sendable (TileID) async throws -> [TreeHash]

    /// Creates a proof builder.
    /// - Parameters:
    ///   - treeSize: The tree size.
    ///   - fetch: Returns a tile's hashes; the tile's width is the tree's.
    public init(treeSize: UInt64, fetch: @escaping @Sendable (TileID) async throws -> [TreeHash]) {
        self.treeSize = treeSize
        self.fetch = fetch
    }

    /// The inclusion proof of an entry.
    public func inclusionProof(index: UInt64) async throws -> [TreeHash] {
        try await compute { try MerkleProof.inclusion(index: index, size: treeSize, source: $0) }
    }

    /// The consistency proof from an earlier tree size.
    public func consistencyProof(from oldSize: UInt64) async throws -> [TreeHash] {
        try await compute { try MerkleProof.consistency(from: oldSize, to: treeSize, source: $0) }
    }

    /// The root of the tree.
    public func rootHash() async throws -> TreeHash {
        try await compute { try $0.rootHash(size: treeSize) }
    }

    /// Runs a computation, fetching each tile it finds missing, until it completes.
    public func compute<Result>(_ body: (TileHashSource) throws -> Result) async throws -> Result {
        var source = TileHashSource()
        while true {
            do {
                return try body(source)
            } catch let missing as MissingTile {
                guard let tile = TileLayout.tile(level: missing.level, index: missing.index, treeSize: treeSize),
                    source.tiles[TileKey(level: missing.level, index: missing.index)] == nil
                else { throw ProofError("tile \(missing.level)/\(missing.index) is outside the tree of size \(treeSize)") }
                source.tiles[TileKey(level: tile.level, index: tile.index)] = try await fetch(tile)
            }
        }
    }
}
