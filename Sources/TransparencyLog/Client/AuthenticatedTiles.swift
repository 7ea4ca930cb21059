/// The tiles of one verified checkpoint, each authenticated before any hash of it is used.
///
/// A partial (right-edge) tile is authenticated by recomputing the checkpoint's root from all the right-edge tiles
/// together. A full tile is authenticated by its own root matching its hash in the parent tile, which is
/// authenticated the same way, up to the right edge. No tile is trusted because of where it sits.
public actor AuthenticatedTiles {
    /// The verified checkpoint.
    public let checkpoint: Checkpoint
    private let fetcher: any LogFetcher
    private var verified: [TileKey: [TreeHash]] = [:]
    private var edgeChecked = false

    /// Creates a reader for one checkpoint.
    /// - Parameters:
    ///   - checkpoint: A checkpoint whose signature was verified.
    ///   - fetcher: Where to fetch tiles.
    public init(checkpoint: Checkpoint, fetcher: any LogFetcher) {
        self.checkpoint = checkpoint
        self.fetcher = fetcher
    }

    /// The hashes of a tile of the checkpoint's tree, authenticated; the tile's width is the tree's, whatever
    /// `tile.width` says.
    public func hashes(_ tile: TileID) async throws -> [TreeHash] {
        try await hashes(TileKey(level: tile.level, index: tile.index))
    }

    private func hashes(_ key: TileKey) async throws -> [TreeHash] {
        if let known = verified[key] { return known }
        guard let expected = TileLayout.tile(level: key.level, index: key.index, treeSize: checkpoint.size) else {
            throw LogClientError.missing(path: TileID(level: key.level, index: key.index).path)
        }
        if !expected.isFull {
            try await checkEdge()
            guard let edge = verified[key] else { throw LogClientError.missing(path: expected.path) }
            return edge
        }
        let hashes = try await fetcher.hashTile(expected)
        let parent = try await self.hashes(TileKey(level: key.level + 1, index: key.index >> 8))
        guard parent[Int(key.index & 0xFF)] == MerkleHasher.rootHash(of: hashes) else {
            throw LogClientError.tampered(path: expected.path)
        }
        verified[key] = hashes
        return hashes
    }

    /// Drops a full tile from memory once its caller is done with it, so that walking a large tree keeps only the
    /// upper levels; it is fetched and authenticated again if asked for. Right-edge tiles are kept: they authenticate
    /// the rest.
    /// - Parameter tile: A tile of the checkpoint's tree.
    public func forget(_ tile: TileID) {
        guard TileLayout.tile(level: tile.level, index: tile.index, treeSize: checkpoint.size)?.isFull == true else { return }
        verified[TileKey(level: tile.level, index: tile.index)] = nil
    }

    /// Proofs against the checkpoint's tree, built from authenticated tiles.
    public var proofs: TileProofs {
        TileProofs(treeSize: checkpoint.size) { [self] tile in try await self.hashes(tile) }
    }

    /// The entries of a bundle, each checked against its authenticated leaf hash.
    /// - Parameter index: The bundle's index.
    public func entries(bundle index: UInt64) async throws -> [[UInt8]] {
        guard let tile = TileLayout.tile(level: 0, index: index, treeSize: checkpoint.size) else {
            throw LogClientError.missing(path: TileID(level: 0, index: index).entriesPath)
        }
        let entries = try await fetcher.entryBundle(tile)
        let leaves = try await hashes(tile)
        for (offset, entry) in entries.enumerated() where MerkleHasher.leafHash(entry) != leaves[offset] {
            throw LogClientError.tampered(path: tile.entriesPath)
        }
        return entries
    }

    private func checkEdge() async throws {
        guard !edgeChecked else { return }
        var edge: [TileKey: [TreeHash]] = [:]
        for tile in TileLayout.partialTiles(treeSize: checkpoint.size) {
            edge[TileKey(level: tile.level, index: tile.index)] = try await fetcher.hashTile(tile)
        }
        guard try TileHashSource(tiles: edge).rootHash(size: checkpoint.size) == checkpoint.root else {
            throw LogClientError.tampered(path: TileLayout.partialTiles(treeSize: checkpoint.size).map(\.path).joined(separator: ", "))
        }
        verified.merge(edge) { $1 }
        edgeChecked = true
    }
}
