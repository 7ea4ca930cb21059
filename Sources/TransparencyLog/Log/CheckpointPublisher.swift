/// The publication stage: signs a checkpoint of the integrated tree whenever it has grown.
///
/// Checkpoints are signed only over integrated trees, which only ever grow by appending, so no two published
/// checkpoints can be inconsistent. An unchanged tree is not signed again.
public struct CheckpointPublisher<Storage: LogStorage>: Sendable {
    /// The storage.
    public let storage: Storage
    /// The log's key; its name is the log's origin.
    public let signer: NoteSigner

    /// Creates a publisher.
    /// - Parameters:
    ///   - storage: The storage.
    ///   - signer: The log's key, named after the log's origin.
    public init(storage: Storage, signer: NoteSigner) {
        self.storage = storage
        self.signer = signer
    }

    /// Signs and stores a checkpoint if the integrated tree is larger than the last published one.
    /// - Returns: The new checkpoint's note, or `nil` when nothing changed.
    @discardableResult
    public func publish() async throws -> [UInt8]? {
        let tree = try await storage.integratedTree()
        if let latest = try await storage.latestCheckpoint() {
            let published = try Checkpoint(parsing: try SignedNote(parsing: latest).text)
            guard tree.size > published.size else { return nil }
        }
        let checkpoint = Checkpoint(origin: signer.name, size: tree.size, root: tree.root)
        let note = try SignedNote.sign(text: checkpoint.text, with: [signer]).bytes
        try await storage.storeCheckpoint(note, size: tree.size)
        return note
    }
}
