public import Foundation

/// A C2SP tlog-proof (`.tlog-proof`): a signed checkpoint, an entry's index and its inclusion proof, verifiable
/// offline with the log's key.
///
/// ```
/// c2sp.org/tlog-proof@v1
/// index 73894
/// gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
///
/// <checkpoint note>
/// ```
public struct InclusionReceipt: Hashable, Sendable {
    static let header = "c2sp.org/tlog-proof@v1"

    /// Opaque application data, not authenticated.
    public let extra: [UInt8]?
    /// The entry's index.
    public let index: UInt64
    /// The inclusion proof against the checkpoint's tree.
    public let proof: [TreeHash]
    /// The signed checkpoint, verbatim.
    public let checkpoint: [UInt8]

    /// Creates a receipt.
    public init(index: UInt64, proof: [TreeHash], checkpoint: [UInt8], extra: [UInt8]? = nil) {
        self.index = index
        self.proof = proof
        self.checkpoint = checkpoint
        self.extra = extra
    }

    /// The receipt's bytes.
    public var bytes: [UInt8] {
        var lines = [Self.header]
        if let extra { lines.append("extra " + TreeHashBase64.encode(extra)) }
        lines.append("index \(index)")
        lines += proof.map(\.base64)
        return LinesBeforeNote.join(lines, note: checkpoint)
    }

    /// Parses a receipt.
    /// - Parameter bytes: The receipt file's bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(FormatError) {
        let (head, note) = try LinesBeforeNote.split(Array(bytes), what: "a tlog-proof")
        var lines = head
        guard lines.popFirst() == Substring(Self.header) else { throw FormatError("not a c2sp.org/tlog-proof@v1 file") }
        var extra: [UInt8]?
        if lines.first?.hasPrefix("extra ") == true {
            guard let decoded = TreeHashBase64.decode(lines.removeFirst().dropFirst(6)) else { throw FormatError("bad extra data") }
            extra = decoded
        }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index "), let index = LinesBeforeNote.number(indexLine.dropFirst(6))
        else { throw FormatError("a tlog-proof names the entry's index on an 'index N' line") }
        self.init(index: index, proof: try LinesBeforeNote.hashes(lines), checkpoint: note, extra: extra)
    }

    /// Verifies the receipt for an entry: the log's signature on the checkpoint, then the inclusion proof.
    /// - Parameters:
    ///   - entry: The entry's bytes.
    ///   - logKey: The log's verifier key.
    /// - Returns: The checkpoint the entry is included in.
    public func verify(entry: some ContiguousBytes, logKey: NoteVerifier) throws -> Checkpoint {
        let (checkpoint, _) = try Checkpoint.open(self.checkpoint, logKey: logKey)
        try MerkleProof.verifyInclusion(
            index: index, size: checkpoint.size, leafHash: MerkleHasher.leafHash(entry), proof: proof, root: checkpoint.root)
        return checkpoint
    }
}

/// Standard padded base64 for byte strings.
enum TreeHashBase64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// The bytes of base64 written as ``encode(_:)`` writes it; Foundation also decodes other spellings of the same
    /// bytes, which are refused, so that a file read is written back byte for byte.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        guard let data = Data(base64Encoded: String(text)), data.base64EncodedString() == text else { return nil }
        return Array(data)
    }
}
