public import TransparencyLog

/// The latest checkpoint a witness cosigned for a log: the tree it vouches for and the note it serves, with the log's
/// signatures and the witness's cosignature.
public struct CosignedCheckpoint: Hashable, Sendable {
    /// The checkpoint: origin, size and root.
    public let checkpoint: Checkpoint
    /// The signed note: the checkpoint's text, the log's signatures that verified, and the witness's cosignature.
    public let note: [UInt8]

    /// Creates a record.
    /// - Parameters:
    ///   - checkpoint: The checkpoint cosigned.
    ///   - note: The note with the log's signatures and the cosignature.
    public init(checkpoint: Checkpoint, note: [UInt8]) {
        self.checkpoint = checkpoint
        self.note = note
    }

    /// Whether another record vouches for the same tree: same size, same root.
    /// - Parameter other: The other record, or `nil` for none.
    public func isSameTree(as other: CosignedCheckpoint?) -> Bool {
        other.map { $0.checkpoint.size == checkpoint.size && $0.checkpoint.root == checkpoint.root } ?? false
    }
}
