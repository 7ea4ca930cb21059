import Crypto
import Testing
import TransparencyLog

@Suite("Checkpoints, cosignatures and tlog-proof receipts")
struct LogFormatTests {
    let log = try! NoteSigner.generate(name: "forum.example/log")
    let leaves = (0..<10).map { Array("entry \($0)".utf8) }

    func signedCheckpoint(size: Int) throws -> (Checkpoint, [UInt8]) {
        let root = MerkleHasher.rootHash(of: leaves.prefix(size).map { MerkleHasher.leafHash($0) })
        let checkpoint = Checkpoint(origin: "forum.example/log", size: UInt64(size), root: root)
        return (checkpoint, try SignedNote.sign(text: checkpoint.text, with: [log]).bytes)
    }

    @Test("a checkpoint's text is origin, size, base64 root; it parses back and opens with the log key")
    func checkpoint() throws {
        let (checkpoint, note) = try signedCheckpoint(size: 7)
        #expect(checkpoint.text == "forum.example/log\n7\n\(checkpoint.root.base64)\n")
        #expect(try Checkpoint(parsing: checkpoint.text) == checkpoint)
        let (opened, _) = try Checkpoint.open(note, logKey: log.verifier)
        #expect(opened == checkpoint)
        let empty = Checkpoint(origin: "o", size: 0, root: .emptyTree)
        #expect(empty.text == "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
    }

    @Test("malformed checkpoints are refused", arguments: [
        "o\n07\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "o\n1\n47DEQpj8HBSa\n", "o\n1\n", "\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n",
    ])
    func malformedCheckpoint(_ text: String) {
        #expect(throws: FormatError.self) { try Checkpoint(parsing: text) }
    }

    @Test("a checkpoint signed by another key, or for another origin, does not open")
    func wrongKey() throws {
        let (_, note) = try signedCheckpoint(size: 3)
        let other = try NoteSigner.generate(name: "forum.example/log")
        #expect(throws: NoteError.self) { try Checkpoint.open(note, logKey: other.verifier) }
        let renamed = try NoteSigner.generate(name: "other.example/log")
        #expect(throws: FormatError.self) { try Checkpoint.open(note, logKey: renamed.verifier) }
    }

    @Test("a cosignature/v1 line verifies with its timestamp and fails on another checkpoint")
    func cosignature() throws {
        let witness = try CosignatureSigner(name: "witness.example/w1", privateKey: Curve25519.Signing.PrivateKey())
        let (checkpoint, _) = try signedCheckpoint(size: 5)
        let line = try witness.cosign(checkpointText: checkpoint.text, timestamp: 1_767_225_600)
        #expect(line.signature.count == 72)
        #expect(line.line.split(separator: " ").last!.count == 105)
        #expect(try witness.verifier.verify(line, checkpointText: checkpoint.text) == 1_767_225_600)
        let (other, _) = try signedCheckpoint(size: 6)
        #expect(throws: NoteError.self) { try witness.verifier.verify(line, checkpointText: other.text) }
        #expect(try CosignatureVerifier(parsing: witness.verifier.description) == witness.verifier)
        #expect(witness.verifier.description.contains("+\(witness.verifier.keyID)+B"))
    }

    @Test("an add-checkpoint body is 'old N', the proof a hash a line, a blank line and the note; it parses back")
    func addCheckpointRequest() throws {
        let (_, note) = try signedCheckpoint(size: 7)
        let proof = try MerkleProof.consistency(from: 3, to: 7, source: LeafHashes(leaves.map { MerkleHasher.leafHash($0) }))
        let request = AddCheckpointRequest(oldSize: 3, proof: proof, checkpoint: note)
        #expect(request.bytes == Array(("old 3\n" + proof.map { $0.base64 + "\n" }.joined() + "\n").utf8) + note)
        #expect(try AddCheckpointRequest(parsing: request.bytes) == request)
        let first = AddCheckpointRequest(oldSize: 0, proof: [], checkpoint: note)
        #expect(first.bytes == Array("old 0\n\n".utf8) + note)
        #expect(try AddCheckpointRequest(parsing: first.bytes) == first)
        let tooLong = AddCheckpointRequest(oldSize: 3, proof: Array(repeating: proof[0], count: 64), checkpoint: note)
        #expect(throws: FormatError.self) { try AddCheckpointRequest(parsing: tooLong.bytes) }
    }

    @Test("a receipt round-trips and verifies offline; a wrong entry, index or key fails")
    func receipt() throws {
        let (checkpoint, note) = try signedCheckpoint(size: 10)
        let source = LeafHashes(leaves.map { MerkleHasher.leafHash($0) })
        let proof = try MerkleProof.inclusion(index: 3, size: 10, source: source)
        let receipt = InclusionReceipt(index: 3, proof: proof, checkpoint: note, extra: [1, 2, 3])
        let text = String(decoding: receipt.bytes, as: UTF8.self)
        #expect(text.hasPrefix("c2sp.org/tlog-proof@v1\nextra AQID\nindex 3\n\(proof[0].base64)\n"))
        let parsed = try InclusionReceipt(parsing: receipt.bytes)
        #expect(parsed == receipt)
        #expect(try parsed.verify(entry: leaves[3], logKey: log.verifier) == checkpoint)
        #expect(throws: ProofError.self) { try parsed.verify(entry: leaves[4], logKey: log.verifier) }
        let moved = InclusionReceipt(index: 4, proof: proof, checkpoint: note)
        #expect(throws: ProofError.self) { try moved.verify(entry: leaves[3], logKey: log.verifier) }
        #expect(throws: NoteError.self) { try parsed.verify(entry: leaves[3], logKey: try NoteSigner.generate(name: "forum.example/log").verifier) }
        #expect(throws: FormatError.self) { try InclusionReceipt(parsing: Array("c2sp.org/tlog-proof@v2\nindex 1\n\n".utf8) + note) }
    }
}
