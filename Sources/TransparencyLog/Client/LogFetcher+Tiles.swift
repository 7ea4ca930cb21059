extension LogFetcher {
    /// Fetches and parses the entry bundle of a tile of a tree, of the tile's width, falling back to the full bundle
    /// for a partial one. Nothing is authenticated: the caller checks the entries against the tree.
    /// - Parameter tile: The level-0 tile whose entries to fetch, as ``TileLayout`` gives it for the tree's size.
    /// - Returns: The tile's `width` entries.
    /// - Throws: ``LogClientError`` when the bundle is missing or malformed; the fetcher's error when it fails.
    public func entryBundle(_ tile: TileID) async throws -> [[UInt8]] {
        let bytes = try await fetch(preferring: tile.entriesPath, fallback: TileID(level: 0, index: tile.index).entriesPath, partial: !tile.isFull)
        guard let bundle = EntryBundle(bytes: bytes), bundle.entries.count >= tile.width else {
            throw LogClientError.malformed(path: tile.entriesPath, reason: "not a bundle of \(tile.width) entries")
        }
        guard tile.isFull || bundle.entries.count == tile.width || bundle.entries.count == TileID.fullWidth else {
            throw LogClientError.malformed(path: tile.entriesPath, reason: "holds \(bundle.entries.count) entries")
        }
        return Array(bundle.entries.prefix(tile.width))
    }

    /// Fetches and parses a hash tile of the tile's width, falling back to the full tile for a partial one; not
    /// authenticated.
    /// - Parameter tile: The tile, as ``TileLayout`` gives it for the tree's size.
    func hashTile(_ tile: TileID) async throws -> [TreeHash] {
        let bytes = try await fetch(preferring: tile.path, fallback: TileID(level: tile.level, index: tile.index).path, partial: !tile.isFull)
        guard let parsed = HashTile(bytes: bytes), parsed.hashes.count == tile.width || (!tile.isFull && parsed.hashes.count == TileID.fullWidth)
        else { throw LogClientError.malformed(path: tile.path, reason: "\(bytes.count) bytes for \(tile.width) hashes") }
        return Array(parsed.hashes.prefix(tile.width))
    }

    private func fetch(preferring path: String, fallback: String, partial: Bool) async throws -> [UInt8] {
        if let bytes = try await fetch(path) { return bytes }
        if partial, let bytes = try await fetch(fallback) { return bytes }
        throw LogClientError.missing(path: path)
    }
}
