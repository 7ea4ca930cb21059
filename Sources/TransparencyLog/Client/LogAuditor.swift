/// Downloads a whole log and checks every byte against its signed checkpoint: each entry bundle, each hash tile
/// (full and partial), and the root recomputed from all entries.
///
/// Tiles are rebuilt from the entries with ``TileBuilder`` as the bundles arrive and compared byte for byte as soon
/// as each is complete, so memory stays bounded whatever the log's size.
public struct LogAuditor: Sendable {
    /// What the audit has done so far.
    public struct Progress: Sendable {
        /// Entries checked.
        public let entries: UInt64
        /// Entries in the checkpoint.
        public let total: UInt64
        /// Tiles compared.
        public let tiles: Int
    }

    /// The client whose log is audited.
    public let client: LogClient

    /// Creates an auditor.
    public init(client: LogClient) { self.client = client }

    /// Audits the log up to its latest checkpoint.
    ///
    /// The entries handed to `entries` are authenticated only when the audit returns: a caller that draws
    /// conclusions from them reports those only if the audit succeeds.
    /// - Parameters:
    ///   - progress: Called after each bundle.
    ///   - entries: Called with each bundle's entries, in log order, as they arrive.
    /// - Returns: The checkpoint audited.
    @discardableResult
    public func audit(
        progress: @Sendable (Progress) -> Void = { _ in },
        entries consume: ([[UInt8]]) async throws -> Void = { _ in }
    ) async throws -> Checkpoint {
        try await audit(try await client.latestCheckpoint().checkpoint, progress: progress, entries: consume)
    }

    /// Audits the log up to a checkpoint the caller verified (``LogClient/latestCheckpoint()``).
    /// - Parameters:
    ///   - checkpoint: The verified checkpoint.
    ///   - progress: Called after each bundle.
    ///   - consume: Called with each bundle's entries, in log order, as they arrive.
    /// - Returns: The checkpoint audited.
    @discardableResult
    public func audit(
        _ checkpoint: Checkpoint,
        progress: @Sendable (Progress) -> Void = { _ in },
        entries consume: ([[UInt8]]) async throws -> Void = { _ in }
    ) async throws -> Checkpoint {
        let fetcher = client.fetcher
        var edge: [TileKey: [TreeHash]] = [:]
        var size: UInt64 = 0
        var compared = 0
        for bundle in 0..<((checkpoint.size + 255) / 256) {
            let tile = TileLayout.tile(level: 0, index: bundle, treeSize: checkpoint.size)!
            let entries = try await fetcher.entryBundle(tile)
            try await consume(entries)
            let integration = try TileBuilder.integrate(size: size, leafHashes: entries.map(MerkleHasher.leafHash), edge: edge)
            size = integration.size
            for (key, hashes) in integration.tiles where hashes.count == TileID.fullWidth {
                try await compare(TileID(level: key.level, index: key.index), hashes, fetcher: fetcher)
                compared += 1
            }
            let edgeKeys = Set(TileBuilder.edgeKeys(treeSize: size))
            edge = integration.tiles.merging(edge) { new, _ in new }.filter { edgeKeys.contains($0.key) }
            progress(Progress(entries: size, total: checkpoint.size, tiles: compared))
        }
        for tile in TileLayout.partialTiles(treeSize: checkpoint.size) {
            try await compare(tile, edge[TileKey(level: tile.level, index: tile.index)] ?? [], fetcher: fetcher)
            compared += 1
        }
        guard try TileHashSource(tiles: edge).rootHash(size: checkpoint.size) == checkpoint.root else {
            throw LogClientError.rootMismatch(size: checkpoint.size)
        }
        progress(Progress(entries: size, total: checkpoint.size, tiles: compared))
        return checkpoint
    }

    private func compare(_ tile: TileID, _ hashes: [TreeHash], fetcher: any LogFetcher) async throws {
        guard let served = try await fetcher.fetch(tile.path) else { throw LogClientError.missing(path: tile.path) }
        guard served == HashTile(hashes: hashes).bytes else { throw LogClientError.tampered(path: tile.path) }
    }
}
