/// The storage a tiled log needs after sequencing: read the sequenced entries, keep the integrated tree's tiles,
/// keep the published checkpoints.
///
/// Sequencing itself (assigning indexes to entries durably) belongs to the application's store, which appends
/// entries in its own transactions; integration and publication only read them.
public protocol LogStorage: Sendable {
    /// The number of entries sequenced so far.
    func sequencedSize() async throws -> UInt64

    /// Up to `limit` entries starting at `start`.
    func entries(from start: UInt64, limit: Int) async throws -> [[UInt8]]

    /// The bytes of entry bundle `index` holding its first `width` entries, or `nil` when fewer are stored.
    func entryBundle(_ index: UInt64, width: Int) async throws -> [UInt8]?

    /// The integrated tree: its size and root.
    func integratedTree() async throws -> IntegratedTree

    /// The stored hashes of tiles, by key; absent tiles are left out.
    func tiles(_ keys: [TileKey]) async throws -> [TileKey: [TreeHash]]

    /// Stores the tiles and tree of an integration in one transaction, if the integrated size is still `previousSize`.
    func storeIntegration(_ integration: TileBuilder.Integration, previousSize: UInt64) async throws

    /// The latest published checkpoint note, if any.
    func latestCheckpoint() async throws -> [UInt8]?

    /// Stores a newly published checkpoint note for a tree size.
    func storeCheckpoint(_ note: [UInt8], size: UInt64) async throws
}

extension LogStorage {
    /// Builds the bundle from ``entries(from:limit:)``; stores that keep bundles whole return them directly.
    public func entryBundle(_ index: UInt64, width: Int) async throws -> [UInt8]? {
        // A bundle whose first entry's index does not fit in 64 bits holds nothing (and must not trap).
        let (start, overflow) = index.multipliedReportingOverflow(by: UInt64(TileID.fullWidth))
        guard !overflow else { return nil }
        let entries = try await entries(from: start, limit: width)
        return entries.count == width ? EntryBundle(entries: entries).bytes : nil
    }
}

/// The tree that integration has built so far.
public struct IntegratedTree: Hashable, Sendable {
    /// The number of leaves.
    public let size: UInt64
    /// The root hash.
    public let root: TreeHash

    /// Creates a tree description.
    public init(size: UInt64, root: TreeHash) {
        self.size = size
        self.root = root
    }
}
