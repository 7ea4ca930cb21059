/// A tile was needed that the source does not hold; fetch it and try again.
public struct MissingTile: Error, Hashable, Sendable {
    /// The tile's level.
    public let level: Int
    /// The tile's index.
    public let index: UInt64
}

/// Subtree hashes read from tiles: a subtree of height `8·L + r` is the root of `2^r` consecutive hashes of a
/// level-`L` tile.
///
/// Tiles are looked up in ``tiles``; a subtree whose tile is absent (or too short) throws ``MissingTile``, so a
/// caller can fetch what a computation needs, add it, and run the computation again.
public struct TileHashSource: SubtreeHashSource, Sendable {
    /// Known tiles by level and index, each holding the hashes available (a prefix of the full tile).
    public var tiles: [TileKey: [TreeHash]]

    /// Creates a source.
    /// - Parameter tiles: Known tiles.
    public init(tiles: [TileKey: [TreeHash]] = [:]) { self.tiles = tiles }

    public func subtreeHash(level: Int, index: UInt64) throws -> TreeHash {
        let tileLevel = level / TileID.height
        let height = level % TileID.height
        let first = index << UInt64(height)
        let key = TileKey(level: tileLevel, index: first >> 8)
        let start = Int(first & 0xFF)
        let end = start + (1 << height)
        guard let hashes = tiles[key], hashes.count >= end else { throw MissingTile(level: key.level, index: key.index) }
        return height == 0 ? hashes[start] : MerkleHasher.rootHash(of: hashes[start..<end])
    }
}

/// A tile's level and index, without its width.
public struct TileKey: Hashable, Sendable, CustomStringConvertible {
    /// The tile level.
    public let level: Int
    /// The tile's index within its level.
    public let index: UInt64

    /// Creates a key.
    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    public var description: String { "\(level)/\(index)" }
}
