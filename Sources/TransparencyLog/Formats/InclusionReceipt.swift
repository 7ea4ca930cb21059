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
        return Array((lines.map { $0 + "\n" }.joined() + "\n").utf8) + checkpoint
    }

    /// Parses a receipt.
    /// - Parameter bytes: The receipt file's bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(FormatError) {
        let array = Array(bytes)
        guard let blank = Self.firstBlankLine(array) else { throw FormatError("a tlog-proof has a blank line before its checkpoint") }
        let head = String(decoding: array[..<blank], as: UTF8.self)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == Substring(Self.header) else { throw FormatError("not a c2sp.org/tlog-proof@v1 file") }
        var extra: [UInt8]?
        if lines.first?.hasPrefix("extra ") == true {
            guard let decoded = TreeHashBase64.decode(lines.removeFirst().dropFirst(6)) else { throw FormatError("bad extra data") }
            extra = decoded
        }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index "), let index = UInt64(indexLine.dropFirst(6)),
            String(index) == indexLine.dropFirst(6)
        else { throw FormatError("a tlog-proof names the entry's index on an 'index N' line") }
        var proof: [TreeHash] = []
        for line in lines {
            guard line.utf8.count == 44, let hash = TreeHash(base64: line) else { throw FormatError("'\(line)' is not a proof hash") }
            proof.append(hash)
        }
        self.init(index: index, proof: proof, checkpoint: Array(array[(blank + 2)...]), extra: extra)
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

    private static func firstBlankLine(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }
}

/// Standard padded base64 for byte strings.
enum TreeHashBase64 {
    static func encode(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func decode(_ text: some StringProtocol) -> [UInt8]? { Data(base64Encoded: String(text)).map { Array($0) } }
}
