/// A checkpoint the members' witnesses cosigned in enough numbers to count: the node's signed note with the
/// cosignature lines appended, which witnesses signed it, and when the quorum had seen it.
public struct WitnessedCheckpoint: Hashable, Sendable {
    /// The checkpoint's tree size.
    public let size: UInt64
    /// The note: the checkpoint text, the node's signature and the witnesses' cosignatures.
    public let note: [UInt8]
    /// The key names of the witnesses whose cosignatures it carries, in the order they were registered.
    public let cosigners: [String]
    /// Witnessed time: by this time (POSIX seconds) a quorum of witnesses had seen the tree, so every entry below
    /// ``size`` was logged no later than it.
    public let witnessedAt: Int64

    /// Creates a cosigned checkpoint.
    /// - Parameters:
    ///   - size: The tree size.
    ///   - note: The note with all its signatures.
    ///   - cosigners: The cosigning witnesses' key names.
    ///   - witnessedAt: The quorum's time, in POSIX seconds.
    public init(size: UInt64, note: [UInt8], cosigners: [String], witnessedAt: Int64) {
        self.size = size
        self.note = note
        self.cosigners = cosigners
        self.witnessedAt = witnessedAt
    }
}
