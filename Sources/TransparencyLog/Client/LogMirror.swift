/// Keeps a verified copy of a log in a ``MirrorStore``: its checkpoint, every hash tile (full and partial) and every
/// entry bundle, at the log's own paths.
///
/// A pass verifies the log's latest checkpoint with the pinned key, proves it consistent with the checkpoint the copy
/// holds (a smaller tree is a rollback, another history a fork: both refused, the copy unchanged), then fetches only
/// the tiles and bundles the copy lacks, authenticates each against the new checkpoint before staging it, publishes
/// them, and replaces the checkpoint last. Besides those, it fetches only the new checkpoint's right edge (at most one
/// partial hash tile a level), which authenticates the rest, even where the copy holds a partial tile of that width.
///
/// Partial tiles and bundles are kept when fuller ones arrive: tlog-tiles lets a client that holds any checkpoint the
/// mirror served ask for that checkpoint's partial tiles, and they never change.
///
/// ```swift
/// let mirror = LogMirror(client: LogClient(fetcher: fetcher, logKey: key), store: store)
/// let pass = try await mirror.update()   // rollback, fork and altered data are errors; nothing is replaced
/// ```
public struct LogMirror: Sendable {
    /// How far a pass has come.
    public struct Progress: Sendable {
        /// Entries of the new checkpoint held so far.
        public let entries: UInt64
        /// Entries in the new checkpoint.
        public let total: UInt64
    }

    /// What a pass did.
    public struct Pass: Sendable {
        /// The checkpoint the copy held before, if any.
        public let previous: Checkpoint?
        /// The checkpoint the copy holds now.
        public let checkpoint: Checkpoint
        /// The tiles and bundles written.
        public let files: Int
        /// Whether the copy's checkpoint was replaced.
        public let replaced: Bool
    }

    /// The log followed, with its pinned key.
    public let client: LogClient
    /// Where the copy is.
    public let store: any MirrorStore

    /// Creates a mirror.
    /// - Parameters:
    ///   - client: The log, with its key.
    ///   - store: Where the copy is.
    public init(client: LogClient, store: any MirrorStore) {
        self.client = client
        self.store = store
    }

    /// Brings the copy up to the log's latest checkpoint.
    /// - Parameter progress: Called after each entry bundle.
    /// - Returns: What the pass did.
    /// - Throws: ``LogClientError`` when the log's checkpoint or data do not verify (rollback, fork, altered or
    ///   missing data), ``LogMirrorError`` when the copy's checkpoint is not this log's; the store's and the fetcher's
    ///   errors otherwise. The copy is then as it was, or holds more verified files beside the same checkpoint.
    @discardableResult
    public func update(progress: @Sendable (Progress) -> Void = { _ in }) async throws -> Pass {
        try await store.discardStaged()
        do {
            return try await pass(progress: progress)
        } catch {
            try? await store.discardStaged()
            throw error
        }
    }

    private func pass(progress: @Sendable (Progress) -> Void) async throws -> Pass {
        let held = try await heldCheckpoint()
        let latest = try await client.latestCheckpoint()
        let tiles = AuthenticatedTiles(checkpoint: latest.checkpoint, fetcher: client.fetcher)
        if let held { try await client.verify(tiles, extends: held.checkpoint) }
        guard held?.note != latest.note else {
            return Pass(previous: held?.checkpoint, checkpoint: latest.checkpoint, files: 0, replaced: false)
        }
        let files = try await stage(tiles, since: held?.checkpoint.size ?? 0, progress: progress)
        try await store.publishStaged()
        try await store.replaceCheckpoint(with: latest.note)
        return Pass(previous: held?.checkpoint, checkpoint: latest.checkpoint, files: files, replaced: true)
    }

    /// The copy's checkpoint, verified with the log's key.
    private func heldCheckpoint() async throws -> LogClient.VerifiedCheckpoint? {
        guard let note = try await store.published("checkpoint") else { return nil }
        do { return try client.open(note) } catch {
            throw LogMirrorError(
                "the copy's checkpoint is not a checkpoint of \(client.logKey.name) signed by its key (\(error)); "
                    + "mirror each log into its own directory, and check the key")
        }
    }

    /// Stages every tile and bundle of the new tree that the copy lacks, each authenticated first; returns how many.
    private func stage(_ tiles: AuthenticatedTiles, since heldSize: UInt64, progress: @Sendable (Progress) -> Void) async throws -> Int {
        let size = tiles.checkpoint.size
        var files = 0
        for tile in TileLayout.tiles(treeSize: size, since: heldSize) {
            if tile.level == 0 {
                try await store.stage(tile.entriesPath, bytes: EntryBundle(entries: try await tiles.entries(bundle: tile.index)).bytes)
                files += 1
            }
            try await store.stage(tile.path, bytes: HashTile(hashes: try await tiles.hashes(tile)).bytes)
            files += 1
            if tile.level == 0 {
                await tiles.forget(tile)
                progress(Progress(entries: tile.index * UInt64(TileID.fullWidth) + UInt64(tile.width), total: size))
            }
        }
        return files
    }
}
