/// A C2SP checkpoint (c2sp.org/tlog-checkpoint): the log's origin, tree size and root hash, as the text of a
/// signed note.
public struct Checkpoint: Hashable, Sendable {
    /// The log's origin, for example `forum.example.org/log`.
    public let origin: String
    /// The number of entries in the tree.
    public let size: UInt64
    /// The tree's root hash.
    public let root: TreeHash
    /// Extension lines after the root, if any (Roundtable writes none).
    public let extensions: [String]

    /// Creates a checkpoint.
    /// - Parameters:
    ///   - origin: The log's origin.
    ///   - size: The tree size.
    ///   - root: The root hash.
    public init(origin: String, size: UInt64, root: TreeHash, extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.root = root
        self.extensions = extensions
    }

    /// The note text: origin, size and base64 root, each on its own line.
    public var text: String {
        ([origin, String(size), root.base64] + extensions).map { $0 + "\n" }.joined()
    }

    /// Parses a checkpoint's note text.
    /// - Parameter text: The text of the note, ending with a newline.
    public init(parsing text: String) throws(FormatError) {
        guard text.hasSuffix("\n") else { throw FormatError("a checkpoint's text ends with a newline") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, !lines[0].isEmpty else { throw FormatError("a checkpoint has an origin, a size and a root hash") }
        guard let size = UInt64(lines[1]), String(size) == lines[1] else {
            throw FormatError("the checkpoint size '\(lines[1])' is not a decimal number without leading zeros")
        }
        guard lines[2].utf8.count == 44, let root = TreeHash(base64: lines[2]) else {
            throw FormatError("the checkpoint root is not a base64 SHA-256 hash")
        }
        guard lines.dropFirst(3).allSatisfy({ !$0.isEmpty }) else { throw FormatError("a checkpoint extension line is empty") }
        self.init(origin: String(lines[0]), size: size, root: root, extensions: lines.dropFirst(3).map(String.init))
    }

    /// Parses a signed checkpoint and verifies the log's signature on it.
    /// - Parameters:
    ///   - note: The signed note's bytes.
    ///   - logKey: The log's verifier key, obtained out of band.
    /// - Returns: The checkpoint and the note (with any cosignatures).
    public static func open(_ note: some Collection<UInt8>, logKey: NoteVerifier) throws -> (Checkpoint, SignedNote) {
        let signed = try SignedNote(parsing: note)
        let checkpoint = try Checkpoint(parsing: signed.text)
        guard checkpoint.origin == logKey.name else {
            throw FormatError("the checkpoint is for log '\(checkpoint.origin)', the key is for '\(logKey.name)'")
        }
        _ = try signed.verify(by: [logKey])
        return (checkpoint, signed)
    }
}
