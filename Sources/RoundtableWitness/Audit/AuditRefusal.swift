public import TransparencyLog

/// The evidence an auditing witness keeps of a checkpoint it refused because an entry does not follow from those
/// before it: the log's signed checkpoint, whose tree includes the entry, and the entry itself.
public struct AuditRefusal: Sendable {
    /// The checkpoint refused.
    public let checkpoint: Checkpoint
    /// The checkpoint as the log signed it (its note, with the trusted signatures).
    public let note: [UInt8]
    /// The index of the first entry that does not follow.
    public let index: UInt64
    /// That entry's bytes, as the log served them.
    public let entry: [UInt8]
    /// Why it does not follow: the replay's code and message.
    public let reason: String
    /// When the witness refused it, in POSIX seconds.
    public let time: UInt64

    /// Creates a record.
    /// - Parameters:
    ///   - checkpoint: The checkpoint refused.
    ///   - note: Its signed note.
    ///   - index: The index of the entry that does not follow.
    ///   - entry: The entry's bytes.
    ///   - reason: Why it does not follow.
    ///   - time: When it was refused, in POSIX seconds.
    public init(checkpoint: Checkpoint, note: [UInt8], index: UInt64, entry: [UInt8], reason: String, time: UInt64) {
        self.checkpoint = checkpoint
        self.note = note
        self.index = index
        self.entry = entry
        self.reason = reason
        self.time = time
    }
}
