public import TransparencyLog

/// A log held in memory for witness tests: numbered entries under a signing key, its checkpoint at any size, and the
/// `add-checkpoint` requests a log would send. Two logs with the same signer and other entries are a split view.
public struct WitnessTestLog: Sendable {
    /// The log's key; its name is the origin.
    public let signer: NoteSigner
    private let leaves: LeafHashes

    /// Creates a log.
    /// - Parameters:
    ///   - origin: The log's origin, the name of a new key.
    ///   - size: How many entries it has.
    ///   - signer: The key to sign with, to make another history of a log; a new key by default.
    ///   - prefix: What each entry starts with; another prefix is another history.
    public init(origin: String = "forum.test/log", size: Int = 64, signer: NoteSigner? = nil, prefix: String = "entry") throws {
        self.signer = try signer ?? NoteSigner.generate(name: origin)
        leaves = LeafHashes((0..<size).map { MerkleHasher.leafHash(Array("\(prefix) \($0)".utf8)) })
    }

    /// The log's origin.
    public var origin: String { signer.name }

    /// Another history of the same log, under the same key: a split view.
    /// - Parameter prefix: What its entries start with.
    public func fork(prefix: String = "forged") throws -> WitnessTestLog {
        try WitnessTestLog(size: leaves.hashes.count, signer: signer, prefix: prefix)
    }

    /// The checkpoint of the first `size` entries.
    public func checkpoint(size: UInt64) throws -> Checkpoint {
        Checkpoint(origin: origin, size: size, root: try leaves.rootHash(size: size))
    }

    /// The checkpoint of the first `size` entries as a note signed by `signers` (the log's key by default).
    public func note(size: UInt64, signers: [NoteSigner]? = nil) throws -> [UInt8] {
        try SignedNote.sign(text: try checkpoint(size: size).text, with: signers ?? [signer]).bytes
    }

    /// The consistency proof from `old` to `new` entries.
    public func proof(from old: UInt64, to new: UInt64) throws -> [TreeHash] {
        try MerkleProof.consistency(from: old, to: new, source: leaves)
    }

    /// The `add-checkpoint` body for the checkpoint of `size` entries, proven from `old`.
    /// - Parameters:
    ///   - old: The old size named.
    ///   - size: The checkpoint's size.
    ///   - proof: The proof sent; the right one by default.
    ///   - note: The checkpoint note sent; the log's signed checkpoint of `size` by default.
    public func request(old: UInt64, size: UInt64, proof: [TreeHash]? = nil, note: [UInt8]? = nil) throws -> [UInt8] {
        AddCheckpointRequest(oldSize: old, proof: try proof ?? self.proof(from: old, to: size), checkpoint: try note ?? self.note(size: size))
            .bytes
    }
}
