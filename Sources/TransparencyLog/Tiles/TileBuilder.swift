/// Extends a tree's tiles with new leaves: the integration step of a tiled log.
///
/// Given the tree's current right-edge tiles and the leaf hashes of the entries after it, returns every tile that
/// changed (with all its hashes so far) and the new root. Only the right edge is read, so memory does not grow with
/// the log.
public enum TileBuilder {
    /// The tiles that change when leaves are added, and the new root.
    public struct Integration: Sendable {
        /// The changed tiles, each with all its hashes so far.
        public var tiles: [TileKey: [TreeHash]]
        /// The new tree size.
        public var size: UInt64
        /// The new root.
        public var root: TreeHash
    }

    /// The right-edge tiles that ``integrate(size:leafHashes:edge:)`` needs for a tree of `size` leaves.
    public static func edgeKeys(treeSize size: UInt64) -> [TileKey] {
        TileLayout.partialTiles(treeSize: size).map { TileKey(level: $0.level, index: $0.index) }
    }

    /// Adds leaves to a tree.
    /// - Parameters:
    ///   - size: The current tree size.
    ///   - leafHashes: The new leaves' hashes.
    ///   - edge: The current partial tiles, as ``edgeKeys(treeSize:)`` names them.
    public static func integrate(size: UInt64, leafHashes: [TreeHash], edge: [TileKey: [TreeHash]]) throws -> Integration {
        var changed: [TileKey: [TreeHash]] = [:]
        var level = 0
        var first = size
        var incoming = leafHashes
        while !incoming.isEmpty {
            var completed: [TreeHash] = []
            var position = first
            for hash in incoming {
                let key = TileKey(level: level, index: position >> 8)
                if changed[key] == nil {
                    let existing = edge[key] ?? []
                    guard existing.count == Int(position & 0xFF) else {
                        throw ProofError("tile \(key) holds \(existing.count) hashes; \(position & 0xFF) expected")
                    }
                    changed[key] = existing
                }
                changed[key]!.append(hash)
                if changed[key]!.count == TileID.fullWidth { completed.append(MerkleHasher.rootHash(of: changed[key]!)) }
                position += 1
            }
            incoming = completed
            first = first >> 8
            level += 1
        }
        let newSize = size + UInt64(leafHashes.count)
        var source = TileHashSource(tiles: edge)
        for (key, hashes) in changed { source.tiles[key] = hashes }
        return Integration(tiles: changed, size: newSize, root: try source.rootHash(size: newSize))
    }
}
