import Foundation
import RoundtableClient
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

/// The log's side of tlog-witness: `WitnessClient` over HTTP against a running witness.
@Suite("WitnessClient")
struct WitnessClientTests {
    @Test("cosignatures come back verified; a 409 gives the witness's size; a refusal is an error with its status")
    func outcomes() async throws {
        try await TestWitness.serving { witness, url in
            let log = witness.log
            let client = WitnessClient(transport: HTTPWitnessTransport(prefix: url), witnessKey: witness.cosigner.verifier)
            let note = try log.note(size: 5)
            guard case .cosigned(let lines) = try await client.addCheckpoint(oldSize: 0, proof: [], checkpoint: note) else {
                Issue.record("not cosigned")
                return
            }
            let cosigned = try SignedNote(parsing: note + lines.flatMap { Array($0.line.utf8) })
            #expect(try witness.cosigner.verifier.verify(cosigned.signatures[1], checkpointText: cosigned.text) != 0)
            let again = try await client.addCheckpoint(oldSize: 0, proof: [], checkpoint: try log.note(size: 9))
            #expect(again == .conflict(latestSize: 5))
            let grown = try await client.addCheckpoint(oldSize: 5, proof: try log.proof(from: 5, to: 9), checkpoint: try log.note(size: 9))
            guard case .cosigned = grown else { throw WitnessClientError.malformedReply("\(grown)") }
            let refusal = await #expect(throws: WitnessClientError.self) {
                try await client.addCheckpoint(oldSize: 9, proof: [], checkpoint: try log.fork().note(size: 9))
            }
            guard case .refused(let status, let message) = refusal else { throw WitnessClientError.malformedReply("\(String(describing: refusal))") }
            #expect(status == 422 && !message.isEmpty)
        }
    }

    @Test("a witness whose answer does not verify with the key configured for it gives no cosignature")
    func wrongKey() async throws {
        try await TestWitness.serving { witness, url in
            let other = try CosignatureSigner(try NoteSigner.generate(name: witness.cosigner.verifier.name)).verifier
            let client = WitnessClient(transport: HTTPWitnessTransport(prefix: url), witnessKey: other)
            await #expect(throws: WitnessClientError.noValidCosignature(witness: other.name)) {
                try await client.addCheckpoint(oldSize: 0, proof: [], checkpoint: try witness.log.note(size: 5))
            }
        }
    }
}
