/// The body of a C2SP tlog-witness `add-checkpoint` request (c2sp.org/tlog-witness):
///
/// ```
/// old 5
/// <base64 consistency proof hash, one a line, at most 63>
///
/// <signed checkpoint note>
/// ```
///
/// `old` is the size the witness last cosigned for the log (0 if none); the proof is RFC 9162's `PROOF(old, size)`,
/// empty when `old` is 0 or equals the checkpoint's size.
public struct AddCheckpointRequest: Hashable, Sendable {
    /// The most proof lines a request carries: a consistency proof in a tree of 2^63 leaves is at most that long.
    public static let maximumProofLength = 63

    /// The size of the tree the witness last cosigned for this log, as the submitter believes it; 0 if none.
    public let oldSize: UInt64
    /// The consistency proof from `oldSize` to the checkpoint's size, deepest hash first.
    public let proof: [TreeHash]
    /// The signed checkpoint note, verbatim.
    public let checkpoint: [UInt8]

    /// Creates a request.
    /// - Parameters:
    ///   - oldSize: The size the witness last cosigned, 0 if none.
    ///   - proof: The consistency proof from `oldSize` to the checkpoint's size; at most 63 hashes.
    ///   - checkpoint: The signed checkpoint note.
    public init(oldSize: UInt64, proof: [TreeHash], checkpoint: [UInt8]) {
        self.oldSize = oldSize
        self.proof = proof
        self.checkpoint = checkpoint
    }

    /// Parses a request body.
    /// - Parameter bytes: The body as received.
    /// - Throws: ``FormatError`` saying which part is malformed: the `old` line, a proof line, the blank line.
    public init(parsing bytes: some Collection<UInt8>) throws(FormatError) {
        let (head, note) = try LinesBeforeNote.split(Array(bytes), what: "an add-checkpoint request")
        var lines = head
        guard let first = lines.popFirst(), first.hasPrefix("old "), let oldSize = LinesBeforeNote.number(first.dropFirst(4)) else {
            throw FormatError("an add-checkpoint request starts with an 'old N' line, N a decimal number without leading zeros")
        }
        guard lines.count <= Self.maximumProofLength else {
            throw FormatError("a consistency proof has at most \(Self.maximumProofLength) hashes, the request has \(lines.count)")
        }
        self.init(oldSize: oldSize, proof: try LinesBeforeNote.hashes(lines), checkpoint: note)
    }

    /// The request body.
    public var bytes: [UInt8] {
        LinesBeforeNote.join(["old \(oldSize)"] + proof.map(\.base64), note: checkpoint)
    }
}
