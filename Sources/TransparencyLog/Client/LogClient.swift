/// A client that trusts nothing a log serves until it has checked it against the log's key and its signed tree.
///
/// ```swift
/// let client = LogClient(fetcher: fetcher, logKey: key)
/// let latest = try await client.verifyConsistency(since: savedNote)   // rollback and fork are errors
/// let receipt = try await client.receipt(index: 42)
/// ```
public struct LogClient: Sendable {
    /// Where resources come from.
    public let fetcher: any LogFetcher
    /// The log's verifier key, pinned out of band.
    public let logKey: NoteVerifier
    /// The witnesses' cosignatures a checkpoint needs before the client uses it, if any.
    public let policy: WitnessPolicy?

    /// Creates a client.
    /// - Parameters:
    ///   - fetcher: Where to fetch the log's resources.
    ///   - logKey: The log's verifier key; its name is the log's origin.
    ///   - policy: The witness policy every checkpoint must meet; `nil` trusts the log's signature alone.
    public init(fetcher: any LogFetcher, logKey: NoteVerifier, policy: WitnessPolicy? = nil) {
        self.fetcher = fetcher
        self.logKey = logKey
        self.policy = policy
    }

    /// A verified checkpoint and its note.
    public struct VerifiedCheckpoint: Sendable {
        /// The checkpoint.
        public let checkpoint: Checkpoint
        /// The signed note, verbatim.
        public let note: [UInt8]
    }

    /// Fetches the latest checkpoint and verifies the log's signature on it.
    public func latestCheckpoint() async throws -> VerifiedCheckpoint {
        guard let note = try await fetcher.fetch("checkpoint") else { throw LogClientError.noCheckpoint }
        return try open(note)
    }

    /// Verifies a checkpoint note with the log's key and, if the client has one, the witness policy.
    /// - Throws: ``LogClientError/notWitnessed(_:)`` naming the cosignatures missing or invalid.
    public func open(_ note: [UInt8]) throws -> VerifiedCheckpoint {
        let (checkpoint, signed) = try Checkpoint.open(note, logKey: logKey)
        if let policy { try Self.requireWitnessed(signed, policy: policy) }
        return VerifiedCheckpoint(checkpoint: checkpoint, note: note)
    }

    /// Throws ``LogClientError/notWitnessed(_:)``, naming the cosignatures missing or invalid, unless a checkpoint
    /// meets a witness policy.
    public static func requireWitnessed(_ checkpoint: SignedNote, policy: WitnessPolicy) throws {
        let report = policy.report(on: checkpoint)
        guard report.satisfied else { throw LogClientError.notWitnessed(report.shortfall) }
    }

    /// Fetches the latest checkpoint and proves it consistent with an earlier one the caller kept.
    /// - Parameter previousNote: An earlier checkpoint note of the same log, or `nil`.
    /// - Returns: The latest checkpoint, consistent with the earlier one.
    /// - Throws: ``LogClientError/rollback(previousSize:size:)`` or ``LogClientError/fork(previousSize:size:reason:)``.
    public func verifyConsistency(since previousNote: [UInt8]?) async throws -> VerifiedCheckpoint {
        let latest = try await latestCheckpoint()
        guard let previousNote else { return latest }
        let tiles = AuthenticatedTiles(checkpoint: latest.checkpoint, fetcher: fetcher)
        try await verify(tiles, extends: try open(previousNote).checkpoint)
        return latest
    }

    /// Proves from authenticated tiles that a verified checkpoint's tree extends an earlier one.
    /// - Parameters:
    ///   - tiles: The tiles of the later checkpoint.
    ///   - previous: An earlier verified checkpoint of the same log.
    /// - Throws: ``LogClientError/rollback(previousSize:size:)`` or ``LogClientError/fork(previousSize:size:reason:)``.
    public func verify(_ tiles: AuthenticatedTiles, extends previous: Checkpoint) async throws {
        let current = tiles.checkpoint
        guard current.size >= previous.size else { throw LogClientError.rollback(previousSize: previous.size, size: current.size) }
        do {
            let proof = try await tiles.proofs.consistencyProof(from: previous.size)
            try MerkleProof.verifyConsistency(
                from: previous.size, to: current.size, oldRoot: previous.root, newRoot: current.root, proof: proof)
        } catch let error as ProofError {
            throw LogClientError.fork(previousSize: previous.size, size: current.size, reason: error.description)
        }
    }

    /// Builds an entry's receipt from the latest checkpoint and authenticated tiles, and checks it before returning.
    /// - Parameter index: The entry's index.
    /// - Returns: The receipt and the entry's bytes.
    public func receipt(index: UInt64) async throws -> (InclusionReceipt, [UInt8]) {
        let latest = try await latestCheckpoint()
        guard index < latest.checkpoint.size else {
            throw LogClientError.missing(path: "entry \(index) (the checkpoint holds \(latest.checkpoint.size) entries)")
        }
        let tiles = AuthenticatedTiles(checkpoint: latest.checkpoint, fetcher: fetcher)
        let entry = try await tiles.entries(bundle: index >> 8)[Int(index & 0xFF)]
        let receipt = InclusionReceipt(index: index, proof: try await tiles.proofs.inclusionProof(index: index), checkpoint: latest.note)
        _ = try receipt.verify(entry: entry, logKey: logKey)
        return (receipt, entry)
    }
}
