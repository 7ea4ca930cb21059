/// The integration stage: extends the tree's tiles with the entries sequenced since the last integration.
///
/// Reads entries in chunks and only the right-edge tiles, so memory does not grow with the log. Each chunk is stored
/// in one transaction; a crash between chunks leaves a consistent, smaller tree that the next run extends.
public struct LogIntegrator<Storage: LogStorage>: Sendable {
    /// The storage.
    public let storage: Storage
    /// The most entries hashed and stored in one transaction.
    public let chunkSize: Int

    /// Creates an integrator.
    /// - Parameters:
    ///   - storage: The storage.
    ///   - chunkSize: The most entries integrated per transaction.
    public init(storage: Storage, chunkSize: Int = 16_384) {
        self.storage = storage
        self.chunkSize = chunkSize
    }

    /// Integrates the sequenced entries not yet in the tree.
    /// - Parameter limit: Integrate no further than this tree size, for an appender that vouches only for the entries
    ///   it sequenced itself; `nil` integrates every sequenced entry.
    /// - Returns: The integrated tree afterwards.
    @discardableResult
    public func integrate(upTo limit: UInt64? = nil) async throws -> IntegratedTree {
        var tree = try await storage.integratedTree()
        let target = min(try await storage.sequencedSize(), limit ?? .max)
        while tree.size < target {
            let entries = try await storage.entries(from: tree.size, limit: min(chunkSize, Int(target - tree.size)))
            guard !entries.isEmpty else { break }
            let edge = try await storage.tiles(TileBuilder.edgeKeys(treeSize: tree.size))
            let integration = try TileBuilder.integrate(size: tree.size, leafHashes: entries.map(MerkleHasher.leafHash), edge: edge)
            try await storage.storeIntegration(integration, previousSize: tree.size)
            tree = IntegratedTree(size: integration.size, root: integration.root)
        }
        return tree
    }
}
