public import RoundtableDomain
import TransparencyLog

/// The latest checkpoint as the pages show it.
public struct CheckpointSummary: Sendable {
    /// The number of entries it commits to.
    public let size: UInt64
    /// The tree's root hash, in base64.
    public let root: String
    /// When the node signed it, in words; `nil` when unknown.
    public let time: String?
    /// The signed note, verbatim.
    public let note: String

    /// Reads a checkpoint note.
    /// - Parameters:
    ///   - note: The signed checkpoint's bytes.
    ///   - publishedAt: When it was signed, if known.
    ///   - t: The interface text.
    public init(note: [UInt8], publishedAt: Timestamp?, t: Localizer) throws {
        let checkpoint = try Checkpoint(parsing: try SignedNote(parsing: note).text)
        size = checkpoint.size
        root = checkpoint.root.base64
        time = publishedAt.map(t.time)
        self.note = String(decoding: note, as: UTF8.self)
    }
}
