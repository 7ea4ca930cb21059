import TransparencyLog

/// An `add-checkpoint` request taken through c2sp.org/tlog-witness's checks, in the specification's order.
///
/// Making one runs the checks that need nothing stored: the body is well formed (400), the origin is a log this
/// witness cosigns for (404), a trusted key of that log signed the checkpoint and no trusted key's signature fails
/// (403), and the old size is not above the checkpoint's (400). ``check(against:)`` runs the rest against the latest
/// checkpoint cosigned: the old size is that checkpoint's (409), and the new one is consistent with it (422).
struct CheckpointSubmission {
    /// The request as parsed.
    let request: AddCheckpointRequest
    /// The checkpoint submitted.
    let checkpoint: Checkpoint
    /// The checkpoint's note, keeping only the trusted log signatures, which all verified.
    let note: SignedNote
    /// The log it is a checkpoint of, as the witness is configured for it.
    let log: WitnessedLog

    /// Parses and authenticates a request body.
    /// - Parameters:
    ///   - body: The request body.
    ///   - logs: The logs this witness cosigns for, by origin.
    /// - Throws: ``WitnessError`` with code `malformed`, `unknownLog` or `untrustedSignature`.
    init(body: [UInt8], logs: [String: WitnessedLog]) throws(WitnessError) {
        do { request = try AddCheckpointRequest(parsing: body) } catch { throw WitnessError(.malformed, error.description) }
        let signed: SignedNote
        do { signed = try SignedNote(parsing: request.checkpoint) } catch {
            throw Self.refusal(of: request.checkpoint, error, logs: logs)
        }
        checkpoint = try Self.checkpoint(signed.text)
        let log = try Self.log(of: checkpoint, logs: logs)
        self.log = log
        do { _ = try signed.verify(by: log.keys) } catch {
            throw WitnessError(.untrustedSignature, "\(error.message); the witness trusts the keys \(Self.names(log)) for \(log.origin)")
        }
        let trusted = signed.signatures.filter { line in log.keys.contains { $0.name == line.keyName && $0.keyID == line.keyID } }
        do { note = try SignedNote(text: signed.text, signatures: trusted) } catch { throw WitnessError(.malformed, error.message) }
        guard request.oldSize <= checkpoint.size else {
            throw WitnessError(.malformed, "old size \(request.oldSize) is above the checkpoint's size \(checkpoint.size)")
        }
    }

    /// Checks the submission against the latest checkpoint cosigned for its log.
    /// - Parameter latest: That checkpoint, or `nil` if none.
    /// - Throws: ``WitnessError`` with code `conflict` (with the latest size) or `inconsistent`.
    func check(against latest: CosignedCheckpoint?) throws(WitnessError) {
        let latestSize = latest?.checkpoint.size ?? 0
        guard request.oldSize == latestSize else { throw WitnessError.conflict(latestSize: latestSize, oldSize: request.oldSize) }
        guard checkpoint.size > 0 || checkpoint.root == .emptyTree else {
            throw WitnessError(.inconsistent, "a checkpoint of size 0 must have the root of the empty tree, SHA-256 of nothing")
        }
        guard let latest, request.oldSize > 0 else {
            guard request.proof.isEmpty else { throw WitnessError(.inconsistent, "with old size 0 the consistency proof must be empty") }
            return
        }
        do {
            try MerkleProof.verifyConsistency(
                from: latest.checkpoint.size, to: checkpoint.size, oldRoot: latest.checkpoint.root, newRoot: checkpoint.root,
                proof: request.proof)
        } catch {
            throw WitnessError(.inconsistent, "\(error); the witness cosigned size \(latestSize) with root \(latest.checkpoint.root.base64)")
        }
    }

    /// The refusal of a note that does not parse: an unsigned checkpoint is refused as such once its origin is known
    /// (404, else 403); anything else is malformed.
    private static func refusal(of note: [UInt8], _ error: NoteError, logs: [String: WitnessedLog]) -> WitnessError {
        guard error.code == .noSignature, note.suffix(2) == [0x0A, 0x0A] else {
            return WitnessError(.malformed, "the checkpoint is not a signed note: \(error.message)")
        }
        do {
            let log = try Self.log(of: try checkpoint(String(decoding: note.dropLast(), as: UTF8.self)), logs: logs)
            return WitnessError(.untrustedSignature, "the checkpoint carries no signature; sign it with a key of \(log.origin)")
        } catch {
            return error
        }
    }

    private static func checkpoint(_ text: String) throws(WitnessError) -> Checkpoint {
        do { return try Checkpoint(parsing: text) } catch { throw WitnessError(.malformed, "the note is not a checkpoint: \(error.description)") }
    }

    private static func log(of checkpoint: Checkpoint, logs: [String: WitnessedLog]) throws(WitnessError) -> WitnessedLog {
        guard let log = logs[checkpoint.origin] else {
            throw WitnessError(.unknownLog, "this witness does not cosign for the log '\(checkpoint.origin)'; ask its operator to add it")
        }
        return log
    }

    private static func names(_ log: WitnessedLog) -> String {
        log.keys.map { "\($0.name)+\($0.keyID)" }.joined(separator: ", ")
    }
}
