/// Matches a log's stored entries against its own stored tree: every entry the tree covers is hashed again, the tiles
/// are rebuilt from those hashes and compared with the stored ones, and the roots with the stored tree's root and
/// the latest checkpoint's.
///
/// No signature is checked: this finds entries, tiles or checkpoints changed in the storage behind the log's back
/// (an edited row, a dropped or reordered entry, a restored file older than a checkpoint already published), in one
/// sequential pass that reads each entry once.
public struct StoredTreeCheck<Storage: LogStorage>: Sendable {
    /// The storage.
    public let storage: Storage
    /// How many entries are read and hashed at a time.
    public let chunkSize: Int

    /// Creates a check.
    /// - Parameters:
    ///   - storage: The storage.
    ///   - chunkSize: How many entries are read and hashed at a time.
    public init(storage: Storage, chunkSize: Int = 16_384) {
        self.storage = storage
        self.chunkSize = chunkSize
    }

    /// Runs the check.
    /// - Parameters:
    ///   - progress: Called about every million entries with the entries checked and the total.
    ///   - visit: Given each run of entries, in log order, once they matched the tree, so that a caller that reads
    ///     the whole log anyway (a replay) does it in the same pass.
    /// - Returns: How many entries were matched: the integrated tree's size.
    /// - Throws: ``StoredTreeMismatch`` naming the first thing that differs, or what `visit` throws.
    @discardableResult
    public func run(
        progress: (_ checked: UInt64, _ total: UInt64) -> Void = { _, _ in },
        visit: (_ entries: [[UInt8]]) throws -> Void = { _ in }
    ) async throws -> UInt64 {
        let tree = try await storage.integratedTree()
        let checkpoint = try await latestCheckpoint()
        if let checkpoint, checkpoint.size > tree.size {
            throw StoredTreeMismatch.checkpointBeyondTree(checkpointSize: checkpoint.size, treeSize: tree.size)
        }
        var rebuilt = Rebuilt()
        var reported: UInt64 = 0
        while rebuilt.size < tree.size {
            var end = min(tree.size, rebuilt.size + UInt64(chunkSize))
            if let checkpoint, rebuilt.size < checkpoint.size, checkpoint.size < end { end = checkpoint.size }
            try visit(try await extend(&rebuilt, to: end))
            if let checkpoint, rebuilt.size == checkpoint.size, rebuilt.root != checkpoint.root {
                throw StoredTreeMismatch.checkpointRootDiffers(size: checkpoint.size)
            }
            if rebuilt.size - reported >= 1 << 20 || rebuilt.size == tree.size {
                reported = rebuilt.size
                progress(rebuilt.size, tree.size)
            }
        }
        guard rebuilt.root == tree.root else { throw StoredTreeMismatch.treeRootDiffers(size: tree.size) }
        return tree.size
    }

    /// The tree rebuilt so far: its size, root and right-edge tiles.
    private struct Rebuilt {
        var size: UInt64 = 0
        var root = TreeHash.emptyTree
        var edge: [TileKey: [TreeHash]] = [:]
    }

    /// Rebuilds the tree up to `end` entries and compares every tile that changed with the stored one. Entries that
    /// differ are named before entries that are missing: a dropped entry shows as the first entry after it.
    /// - Returns: The entries, matched.
    private func extend(_ rebuilt: inout Rebuilt, to end: UInt64) async throws -> [[UInt8]] {
        let entries = try await storage.entries(from: rebuilt.size, limit: Int(end - rebuilt.size))
        let integration = try TileBuilder.integrate(size: rebuilt.size, leafHashes: await Self.leafHashes(entries), edge: rebuilt.edge)
        let keys = integration.tiles.keys.sorted { ($0.level, $0.index) < ($1.level, $1.index) }
        let stored = try await storage.tiles(keys)
        for key in keys { try Self.compare(rebuilt: integration.tiles[key]!, stored: stored[key], key: key) }
        guard entries.count == Int(end - rebuilt.size) else {
            throw StoredTreeMismatch.entriesMissing(stored: rebuilt.size + UInt64(entries.count), treeSize: end)
        }
        var edge = rebuilt.edge.merging(integration.tiles) { $1 }
        let partial = Set(TileBuilder.edgeKeys(treeSize: integration.size))
        edge = edge.filter { partial.contains($0.key) }
        rebuilt = Rebuilt(size: integration.size, root: integration.root, edge: edge)
        return entries
    }

    /// A stored tile must begin with the hashes rebuilt for it (it may hold more: the stored tree may be larger than
    /// the part rebuilt so far).
    private static func compare(rebuilt: [TreeHash], stored: [TreeHash]?, key: TileKey) throws(StoredTreeMismatch) {
        let stored = stored ?? []
        let common = min(rebuilt.count, stored.count)
        guard let offset = (0..<common).first(where: { rebuilt[$0] != stored[$0] }) ?? (common < rebuilt.count ? common : nil) else { return }
        if key.level == 0 { throw .entryDiffers(index: key.index << 8 + UInt64(offset)) }
        throw .tileDiffers(level: key.level, index: key.index, offset: offset)
    }

    /// The entries' leaf hashes, computed on the machine's cores in parallel.
    private static func leafHashes(_ entries: [[UInt8]]) async -> [TreeHash] {
        let slices = entries.count >= 4096 ? 4 : 1
        let size = (entries.count + slices - 1) / slices
        return await withTaskGroup(of: (Int, [TreeHash]).self) { group in
            for slice in 0..<slices {
                let range = min(entries.count, slice * size)..<min(entries.count, (slice + 1) * size)
                group.addTask { (slice, entries[range].map(MerkleHasher.leafHash)) }
            }
            var parts = [[TreeHash]](repeating: [], count: slices)
            for await (slice, hashes) in group { parts[slice] = hashes }
            return parts.flatMap { $0 }
        }
    }

    private func latestCheckpoint() async throws -> Checkpoint? {
        guard let note = try await storage.latestCheckpoint() else { return nil }
        do { return try Checkpoint(parsing: try SignedNote(parsing: note).text) } catch {
            throw StoredTreeMismatch.checkpointUnreadable("\(error)")
        }
    }
}

/// What ``StoredTreeCheck`` found differing first.
public enum StoredTreeMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    /// Entry `index` hashes to another leaf than the stored tree holds: it was changed, or entries were dropped,
    /// added or reordered before it.
    case entryDiffers(index: UInt64)
    /// The storage holds fewer entries than its tree covers.
    case entriesMissing(stored: UInt64, treeSize: UInt64)
    /// A stored tile above the leaves does not match the tiles below it.
    case tileDiffers(level: Int, index: UInt64, offset: Int)
    /// The stored tree's root is not the root of its entries.
    case treeRootDiffers(size: UInt64)
    /// The latest checkpoint's root is not the root of the entries it covers.
    case checkpointRootDiffers(size: UInt64)
    /// The latest checkpoint covers more entries than the stored tree.
    case checkpointBeyondTree(checkpointSize: UInt64, treeSize: UInt64)
    /// The latest checkpoint stored does not parse.
    case checkpointUnreadable(String)

    public var description: String {
        switch self {
        case .entryDiffers(let index):
            "entry \(index) does not match the log's tree: its hash differs from leaf \(index) of the stored tiles (it was changed, or entries "
                + "before it were dropped, added or reordered)"
        case .entriesMissing(let stored, let treeSize):
            "the log holds \(stored) entries but its tree covers \(treeSize): entries \(stored) and after are missing"
        case .tileDiffers(let level, let index, let offset):
            "tile \(level)/\(index) differs at hash \(offset) from the tiles below it"
        case .treeRootDiffers(let size):
            "the stored tree's root at size \(size) is not the root of the stored entries"
        case .checkpointRootDiffers(let size):
            "the latest checkpoint's root at size \(size) is not the root of the stored entries"
        case .checkpointBeyondTree(let checkpointSize, let treeSize):
            "the latest checkpoint covers \(checkpointSize) entries but the stored tree only \(treeSize): the log was rolled back"
        case .checkpointUnreadable(let reason):
            "the latest stored checkpoint does not parse (\(reason))"
        }
    }
}
