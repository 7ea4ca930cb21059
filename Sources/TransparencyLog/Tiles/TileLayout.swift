/// Where a tree's hashes live in tiles.
public enum TileLayout {
    /// The number of level-`level` tile hashes a tree of `size` leaves has: one per complete subtree of `256^level`
    /// leaves.
    public static func hashCount(level: Int, treeSize size: UInt64) -> UInt64 {
        level * TileID.height >= 64 ? 0 : size >> UInt64(level * TileID.height)
    }

    /// The tile at `level` and `index` as a tree of `size` leaves has it, or `nil` when that tree has no such tile.
    public static func tile(level: Int, index: UInt64, treeSize size: UInt64) -> TileID? {
        let count = hashCount(level: level, treeSize: size)
        guard index < (count + UInt64(TileID.fullWidth) - 1) / UInt64(TileID.fullWidth) else { return nil }
        let width = min(UInt64(TileID.fullWidth), count - index * UInt64(TileID.fullWidth))
        return TileID(level: level, index: index, width: Int(width))
    }

    /// The partial tiles of a tree, lowest level first: the right edge, from which its root is computed.
    public static func partialTiles(treeSize size: UInt64) -> [TileID] {
        (0..<8).compactMap { level in
            let count = hashCount(level: level, treeSize: size)
            let width = Int(count % UInt64(TileID.fullWidth))
            return width == 0 ? nil : TileID(level: level, index: count / UInt64(TileID.fullWidth), width: width)
        }
    }

    /// Every tile of a tree, full and partial, lowest level first.
    public static func allTiles(treeSize size: UInt64) -> [TileID] {
        tiles(treeSize: size, since: 0)
    }

    /// The tiles a tree of `size` leaves has that a tree of `oldSize` leaves did not have at the same width, lowest
    /// level first: its new full tiles, and those of its partial tiles whose width changed.
    /// - Parameters:
    ///   - size: The tree size.
    ///   - oldSize: An earlier size of the same tree, at most `size`.
    public static func tiles(treeSize size: UInt64, since oldSize: UInt64) -> [TileID] {
        var tiles: [TileID] = []
        var level = 0
        while hashCount(level: level, treeSize: size) > 0 {
            let count = hashCount(level: level, treeSize: size)
            for index in (hashCount(level: level, treeSize: oldSize) / 256)..<((count + 255) / 256) {
                let tile = tile(level: level, index: index, treeSize: size)!
                if tile != self.tile(level: level, index: index, treeSize: oldSize) { tiles.append(tile) }
            }
            level += 1
        }
        return tiles
    }
}
