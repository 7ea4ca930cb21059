public import NIOCore
import Synchronization
public import RoundtableDomain
public import TransparencyLog

/// The forum's transparency log: every entry of the store is a leaf, integrated into C2SP tiles and published in
/// checkpoints signed with the node key under the log's origin (`<forum origin>/log`).
public final class ForumLog<Store: ForumLogStore>: Sendable {
    /// The store holding entries, tiles and checkpoints.
    public let store: Store
    /// The node key, named after the log's origin.
    public let signer: NoteSigner
    private let latest = Mutex<[UInt8]?>(nil)
    /// Whether checkpoints count only with the witnesses' quorum, and the latest that met it.
    private let witnessed = Mutex<(required: Bool, latest: WitnessedCheckpoint?)>((false, nil))
    private let cache = ResourceCache(capacity: 64 << 20)

    /// Creates the log of a forum.
    /// - Parameters:
    ///   - store: The forum's store.
    ///   - nodeSigner: The node key.
    ///   - forumOrigin: The forum's origin; the log's origin is this followed by `/log`.
    public init(store: Store, nodeSigner: NoteSigner, forumOrigin: String) throws {
        self.store = store
        self.signer = try nodeSigner.renamed(Self.origin(forumOrigin: forumOrigin))
    }

    /// The log origin of a forum: its origin followed by `/log`.
    public static func origin(forumOrigin: String) -> String { forumOrigin + "/log" }

    /// The log's origin, which is also its key name.
    public var origin: String { signer.name }

    /// Integrates new entries into the tiles, then signs a checkpoint if the tree grew.
    /// - Parameter limit: Integrate no further than this tree size (the node's own committed entries); `nil`
    ///   integrates every entry of the store.
    /// - Returns: The checkpoint published, if any.
    @discardableResult
    public func integrateAndPublish(upTo limit: UInt64? = nil) async throws -> [UInt8]? {
        try await LogIntegrator(storage: store).integrate(upTo: limit)
        let note = try await CheckpointPublisher(storage: store, signer: signer).publish()
        if let note { latest.withLock { $0 = note } }
        return note
    }

    /// The checkpoint the log serves: once members have registered witnesses, the latest that met the witness quorum,
    /// with its cosignatures (the node's own latest until the first one does); before that, the node's own latest.
    public func checkpoint() async throws -> [UInt8]? {
        if let cosigned = try await witnessedCheckpoint() { return cosigned.note }
        return try await signedCheckpoint()
    }

    /// The latest checkpoint the node signed, without cosignatures, if one was published.
    public func signedCheckpoint() async throws -> [UInt8]? {
        if let note = latest.withLock({ $0 }) { return note }
        let note = try await store.latestCheckpoint()
        latest.withLock { $0 = $0 ?? note }
        return note
    }

    /// The latest checkpoint that met the witness quorum, while the forum requires one.
    public func witnessedCheckpoint() async throws -> WitnessedCheckpoint? {
        guard witnessed.withLock({ $0.required }) else { return nil }
        return try await latestWitnessed()
    }

    /// The latest checkpoint that met the witness quorum, read from the store once.
    private func latestWitnessed() async throws -> WitnessedCheckpoint? {
        if let cached = witnessed.withLock({ $0.latest }) { return cached }
        let stored = try await store.latestCosignedCheckpoint()
        witnessed.withLock { $0.latest = $0.latest ?? stored }
        return stored
    }

    /// Forgets the checkpoints read so far, so that the next are read from the store: for a front-end that follows
    /// another, which signs and stores them.
    public func forgetCheckpoints() {
        latest.withLock { $0 = nil }
        witnessed.withLock { $0.latest = nil }
    }

    /// Says whether checkpoints count only with the witnesses' quorum (whether any witness is registered).
    public func requireCosignatures(_ required: Bool) {
        witnessed.withLock { $0.required = required }
    }

    /// Stores and publishes a checkpoint that met the witness quorum, unless the one published is of a larger tree or
    /// carries as many cosignatures. Callers make one call at a time (``WitnessCollector`` does).
    public func publishWitnessed(_ checkpoint: WitnessedCheckpoint) async throws {
        if let current = try await latestWitnessed(), current.size > checkpoint.size
            || (current.size == checkpoint.size && current.cosigners.count >= checkpoint.cosigners.count)
        {
            return
        }
        try await store.storeCosignedCheckpoint(checkpoint)
        witnessed.withLock { $0.latest = checkpoint }
    }

    /// The RFC 9162 consistency proof between two sizes of the integrated tree.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) async throws -> [TreeHash] {
        guard oldSize > 0, oldSize < newSize else { return [] }
        return try await TileProofs(treeSize: newSize) { [self] tile in try await storedHashes(tile) ?? [] }.consistencyProof(from: oldSize)
    }

    /// A tile or entry bundle already served, looked up by its path as requested (`tile/0/x001/234.p/17`), without
    /// parsing it; `nil` when it is not in the cache. Only canonical paths are ever stored, so any other spelling of a
    /// tile misses here and is parsed (and refused) as usual.
    public func cachedResource(path: String) -> ByteBuffer? {
        cache.value(for: path)
    }

    /// A hash tile's bytes, or `nil` when the tree does not have that many hashes in it yet.
    public func hashTile(_ tile: TileID) async throws -> ByteBuffer? {
        try await cached(tile.path) { try await storedHashes(tile).map { HashTile(hashes: $0).bytes } }
    }

    /// An entry bundle's bytes, or `nil` when those entries are not all integrated yet.
    public func entryBundle(_ tile: TileID) async throws -> ByteBuffer? {
        try await cached(tile.entriesPath) {
            let start = tile.index * UInt64(TileID.fullWidth)
            guard try await store.integratedTree().size >= start + UInt64(tile.width) else { return nil }
            return try await store.entryBundle(tile.index, width: tile.width)
        }
    }

    /// A tlog-proof receipt for an entry against the latest checkpoint.
    /// - Throws: ``LogError`` when no checkpoint includes the entry yet.
    public func receipt(index: UInt64) async throws -> InclusionReceipt {
        guard let note = try await checkpoint() else { throw LogError.notYetPublished(index: index) }
        let checkpoint = try Checkpoint(parsing: try SignedNote(parsing: note).text)
        guard index < checkpoint.size else {
            throw try await store.sequencedSize() > index ? LogError.notYetPublished(index: index) : LogError.noSuchEntry(index: index)
        }
        let proofs = TileProofs(treeSize: checkpoint.size) { [self] tile in try await storedHashes(tile) ?? [] }
        return InclusionReceipt(index: index, proof: try await proofs.inclusionProof(index: index), checkpoint: note)
    }

    /// The first `tile.width` hashes of a stored tile, or `nil` when it holds fewer.
    private func storedHashes(_ tile: TileID) async throws -> [TreeHash]? {
        let hashes = try await store.tiles([TileKey(level: tile.level, index: tile.index)]).values.first
        guard let hashes, hashes.count >= tile.width else { return nil }
        return Array(hashes.prefix(tile.width))
    }

    /// Tiles and bundles never change once they exist, partial ones included (a partial tile's path names its
    /// width), so every one served can be cached.
    private func cached(_ key: String, load: () async throws -> [UInt8]?) async throws -> ByteBuffer? {
        if let hit = cache.value(for: key) { return hit }
        guard let bytes = try await load() else { return nil }
        let buffer = ByteBuffer(bytes: bytes)
        cache.store(buffer, for: key)
        return buffer
    }
}
