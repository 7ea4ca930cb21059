import Foundation
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

/// c2sp.org/tlog-witness `add-checkpoint`, every status of the specification, through a real HTTP server on loopback.
@Suite("tlog-witness add-checkpoint over HTTP")
struct AddCheckpointTests {
    @Test("a first checkpoint from old 0 is cosigned with one cosignature/v1 line that verifies, timestamped now")
    func firstCheckpoint() async throws {
        try await TestWitness.serving { witness, url in
            let answer = try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url)
            #expect(answer.status == 200)
            #expect(answer.contentType == "text/plain; charset=utf-8")
            let text = try witness.log.checkpoint(size: 5).text
            let lines = try SignedNote(parsing: Array((text + "\n" + answer.text).utf8)).signatures
            #expect(lines.count == 1)
            let verifier = try CosignatureVerifier(parsing: witness.cosigner.verifier.description)
            let time = try verifier.verify(lines[0], checkpointText: text)
            #expect(time != 0 && abs(Int64(time) - Int64(Date().timeIntervalSince1970)) < 600)
        }
    }

    @Test("the witness follows a consistent history and serves its latest cosigned checkpoint, 404 before the first")
    func consistentHistory() async throws {
        try await TestWitness.serving { witness, url in
            #expect(try await TestWitness.get(witness.checkpointPath, from: url).status == 404)
            #expect(try await TestWitness.get("/" + WitnessedLog.hash(origin: "other.test/log") + "/checkpoint", from: url).status == 404)
            for (old, size) in [(0, 1), (1, 5), (5, 5), (5, 9), (9, 64)] as [(UInt64, UInt64)] {
                let answer = try await TestWitness.post(try witness.log.request(old: old, size: size), to: url)
                #expect(answer.status == 200, "old \(old), size \(size): \(answer.text)")
            }
            let (status, served) = try await TestWitness.get(witness.checkpointPath, from: url)
            #expect(status == 200)
            let (checkpoint, note) = try Checkpoint.open(served, logKey: witness.log.signer.verifier)
            #expect(checkpoint == (try witness.log.checkpoint(size: 64)))
            #expect(note.signatures.count == 2)
            #expect(try witness.cosigner.verifier.verify(note.signatures[1], checkpointText: note.text) != 0)
        }
    }

    @Test("an origin the witness does not cosign for is 404, before its signatures are looked at")
    func unknownOrigin() async throws {
        try await TestWitness.serving { witness, url in
            let other = try WitnessTestLog(origin: "other.test/log")
            #expect(try await TestWitness.post(try other.request(old: 0, size: 5), to: url).status == 404)
            let unsigned = Array((try other.checkpoint(size: 5).text + "\n").utf8)
            #expect(try await TestWitness.post(Array("old 0\n\n".utf8) + unsigned, to: url).status == 404)
        }
    }

    @Test("no trusted signature, a trusted key's signature that fails, or no signature at all is 403", arguments: Unsigned.allCases)
    func untrusted(_ kind: Unsigned) async throws {
        try await TestWitness.serving { witness, url in
            let answer = try await TestWitness.post(Array("old 0\n\n".utf8) + (try kind.note(witness.log)), to: url)
            #expect(answer.status == 403, "\(answer.text)")
            #expect(try await TestWitness.get(witness.checkpointPath, from: url).status == 404)
        }
    }

    enum Unsigned: CaseIterable, Sendable {
        case otherKeySameName, failingTrustedSignature, noSignature

        func note(_ log: WitnessTestLog) throws -> [UInt8] {
            switch self {
            case .otherKeySameName: return try log.note(size: 5, signers: [try NoteSigner.generate(name: log.origin)])
            case .failingTrustedSignature:
                let signed = try SignedNote(parsing: try log.note(size: 5))
                let line = signed.signatures[0]
                let forged = NoteSignature(keyName: line.keyName, keyID: line.keyID, signature: [line.signature[0] ^ 1] + line.signature.dropFirst())
                return try SignedNote(text: signed.text, signatures: [forged]).bytes
            case .noSignature: return Array((try log.checkpoint(size: 5).text + "\n").utf8)
            }
        }
    }

    @Test("a malformed body, or an old size above the checkpoint's, is 400 and changes nothing", arguments: 0..<10)
    func malformed(_ index: Int) async throws {
        let witness = try TestWitness(log: try WitnessTestLog())
        defer { witness.remove() }
        let log = witness.log
        let note = try log.note(size: 5)
        let hash = try log.checkpoint(size: 1).root.base64
        let bodies: [[UInt8]] = [
            [],
            Array("old 0\n".utf8),
            Array("old 05\n\n".utf8) + note,
            Array("old x\n\n".utf8) + note,
            Array("new 0\n\n".utf8) + note,
            Array("old 0\nnot-a-hash\n\n".utf8) + note,
            Array(("old 0\n" + String(repeating: hash + "\n", count: 64) + "\n").utf8) + note,
            Array("old 0\n\n".utf8) + (try SignedNote.sign(text: "not\na checkpoint\n", with: [log.signer]).bytes),
            Array("old 0\n\n".utf8) + note.prefix(3) + [0x07] + note.dropFirst(3),
            try log.request(old: 7, size: 5, proof: []),
        ]
        try await witness.serve { url in
            let answer = try await TestWitness.post(bodies[index], to: url)
            #expect(answer.status == 400, "body \(index): \(answer.text)")
            #expect(try await TestWitness.get(witness.checkpointPath, from: url).status == 404)
            #expect(try await TestWitness.post(try log.request(old: 0, size: 5), to: url).status == 200)
        }
    }

    @Test("an old size other than the latest cosigned is 409 with that size as text/x.tlog.size")
    func conflict() async throws {
        try await TestWitness.serving { witness, url in
            let early = try await TestWitness.post(try witness.log.request(old: 3, size: 5), to: url)
            #expect(early.status == 409 && early.text == "0\n" && early.contentType == "text/x.tlog.size")
            #expect(try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url).status == 200)
            for old: UInt64 in [0, 3, 4] {
                let answer = try await TestWitness.post(try witness.log.request(old: old, size: 9), to: url)
                #expect(answer.status == 409 && answer.text == "5\n" && answer.contentType == "text/x.tlog.size", "old \(old)")
            }
        }
    }

    @Test("an inconsistent checkpoint is 422 and leaves the latest cosigned checkpoint as it was", arguments: Inconsistent.allCases)
    func inconsistent(_ kind: Inconsistent) async throws {
        try await TestWitness.serving { witness, url in
            if kind.cosignsFiveFirst { #expect(try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url).status == 200) }
            let before = try await TestWitness.get(witness.checkpointPath, from: url)
            let answer = try await TestWitness.post(try kind.body(witness.log), to: url)
            #expect(answer.status == 422, "\(answer.text)")
            #expect(try await TestWitness.get(witness.checkpointPath, from: url) == before)
        }
    }

    enum Inconsistent: CaseIterable, Sendable {
        case emptyTreeWithRoot, proofWithOldZero, failingProof, proofFromAFork, splitView

        var cosignsFiveFirst: Bool { self != .emptyTreeWithRoot && self != .proofWithOldZero }

        func body(_ log: WitnessTestLog) throws -> [UInt8] {
            switch self {
            case .emptyTreeWithRoot:
                let text = Checkpoint(origin: log.origin, size: 0, root: try log.checkpoint(size: 5).root).text
                return try log.request(old: 0, size: 0, note: try SignedNote.sign(text: text, with: [log.signer]).bytes)
            case .proofWithOldZero: return try log.request(old: 0, size: 5, proof: [try log.checkpoint(size: 1).root])
            case .failingProof: return try log.request(old: 5, size: 9, proof: try log.proof(from: 4, to: 9))
            case .proofFromAFork:
                let fork = try log.fork()
                return try fork.request(old: 5, size: 9)
            case .splitView: return try log.fork().request(old: 5, size: 5)
            }
        }
    }

    @Test("a body over the limit is 413 and changes nothing")
    func oversized() async throws {
        try await TestWitness.serving(maximumBodySize: 4096) { witness, url in
            let padded = try witness.log.request(old: 0, size: 5) + [UInt8](repeating: UInt8(ascii: "A"), count: 4096)
            #expect(try await TestWitness.post(padded, to: url).status == 413)
            #expect(try await TestWitness.get(witness.checkpointPath, from: url).status == 404)
        }
    }
}
