import Foundation

/// Asks one witness to cosign a log's checkpoints (c2sp.org/tlog-witness) and checks what it answers.
///
/// ```swift
/// let client = WitnessClient(transport: transport, witnessKey: key)
/// switch try await client.addCheckpoint(oldSize: last, proof: proof, checkpoint: note) {
/// case .cosigned(let signatures): note += signatures                     // append the lines to the checkpoint
/// case .conflict(let size): last = size                                  // prove consistency from `size`, retry
/// }
/// ```
public struct WitnessClient: Sendable {
    /// What the witness did with a checkpoint.
    public enum Outcome: Hashable, Sendable {
        /// It cosigned: its cosignature lines, each verified with the witness's key.
        case cosigned([NoteSignature])
        /// It last cosigned another size for this log (HTTP 409): retry with that size and a proof from it.
        case conflict(latestSize: UInt64)
    }

    /// The media type of a 409 answer's body, the size the witness last cosigned.
    public static let sizeMediaType = "text/x.tlog.size"

    /// How requests reach the witness.
    public let transport: any WitnessTransport
    /// The witness's cosignature key; cosignatures from any other key are ignored.
    public let witnessKey: CosignatureVerifier

    /// Creates a client.
    /// - Parameters:
    ///   - transport: How requests reach the witness.
    ///   - witnessKey: The witness's cosignature/v1 verifier key.
    public init(transport: any WitnessTransport, witnessKey: CosignatureVerifier) {
        self.transport = transport
        self.witnessKey = witnessKey
    }

    /// Submits a checkpoint for cosigning.
    /// - Parameters:
    ///   - oldSize: The size this witness last cosigned for the log, 0 if none or unknown.
    ///   - proof: The consistency proof from `oldSize` to the checkpoint's size; empty when `oldSize` is 0.
    ///   - checkpoint: The signed checkpoint note.
    /// - Returns: The verified cosignatures, or the witness's latest size when `oldSize` was not it.
    /// - Throws: ``WitnessClientError`` when the witness refused the checkpoint or answered something unusable.
    public func addCheckpoint(oldSize: UInt64, proof: [TreeHash], checkpoint: [UInt8]) async throws -> Outcome {
        let note = try SignedNote(parsing: checkpoint)
        let request = AddCheckpointRequest(oldSize: oldSize, proof: proof, checkpoint: checkpoint)
        let reply = try await transport.postAddCheckpoint(request.bytes)
        switch reply.status {
        case 200: return .cosigned(try cosignatures(in: reply.body, on: note))
        case 409: return .conflict(latestSize: try Self.latestSize(reply))
        default:
            let message = String(decoding: reply.body.prefix(1024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw WitnessClientError.refused(status: reply.status, message: message)
        }
    }

    /// The answer's lines that are cosignatures of this witness and verify on the checkpoint.
    private func cosignatures(in body: [UInt8], on note: SignedNote) throws -> [NoteSignature] {
        let lines: [NoteSignature]
        do { lines = try SignedNote(parsing: Array(note.text.utf8) + [0x0A] + body).signatures } catch {
            throw WitnessClientError.malformedReply("the answer is not signature lines: \(error.message)")
        }
        let own = lines.filter { $0.keyName == witnessKey.name && $0.keyID == witnessKey.keyID }
        let valid = own.filter { ((try? witnessKey.verify($0, checkpointText: note.text)) ?? 0) != 0 }
        guard !valid.isEmpty else { throw WitnessClientError.noValidCosignature(witness: witnessKey.name) }
        return valid
    }

    private static func latestSize(_ reply: WitnessReply) throws -> UInt64 {
        let text = String(decoding: reply.body, as: UTF8.self)
        guard reply.contentType?.hasPrefix(sizeMediaType) == true, text.hasSuffix("\n"), let size = UInt64(text.dropLast()),
            String(size) == text.dropLast()
        else { throw WitnessClientError.malformedReply("a 409 answer is the latest size and a newline, of type \(sizeMediaType)") }
        return size
    }
}
