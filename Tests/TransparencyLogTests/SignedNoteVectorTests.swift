import Foundation
import Testing
import TransparencyLog

/// The example of the C2SP signed-note specification, shipped as a test resource.
struct SignedNoteVector {
    let verifierKey: String
    let note: [UInt8]

    static func load() throws -> SignedNoteVector {
        let url = try #require(Bundle.module.url(forResource: "signed-note-example", withExtension: "txt", subdirectory: "Resources"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let key = try #require(lines.first { !$0.hasPrefix("#") && !$0.isEmpty })
        let begin = try #require(text.range(of: "-----BEGIN NOTE-----\n"))
        let end = try #require(text.range(of: "-----END NOTE-----"))
        return SignedNoteVector(verifierKey: String(key), note: Array(text[begin.upperBound..<end.lowerBound].utf8))
    }
}

@Suite("C2SP signed-note example")
struct SignedNoteVectorTests {
    @Test("the example verifier key parses to key ID 530d903a and prints back unchanged")
    func verifierKey() throws {
        let vector = try SignedNoteVector.load()
        let verifier = try NoteVerifier(parsing: vector.verifierKey)
        #expect(verifier.name == "example.com/foo")
        #expect(verifier.keyID.description == "530d903a")
        #expect(verifier.description == vector.verifierKey)
    }

    @Test("the example note verifies with the example key and re-serialises byte for byte")
    func exampleNoteVerifies() throws {
        let vector = try SignedNoteVector.load()
        let verifier = try NoteVerifier(parsing: vector.verifierKey)
        let note = try SignedNote(parsing: vector.note)
        #expect(note.text == "This is an example message.\n")
        #expect(note.signatures.count == 1)
        #expect(try note.verify(by: [verifier]) == [verifier])
        #expect(note.bytes == vector.note)
    }

    @Test("the example note with one flipped signature bit is rejected")
    func tamperedExample() throws {
        let vector = try SignedNoteVector.load()
        let verifier = try NoteVerifier(parsing: vector.verifierKey)
        let note = try SignedNote(parsing: vector.note)
        var bytes = note.signatures[0].signature
        bytes[10] ^= 0x01
        let tampered = try SignedNote(text: note.text, signatures: [NoteSignature(keyName: verifier.name, keyID: verifier.keyID, signature: bytes)])
        #expect(throws: NoteError(.badSignature, "")) { try tampered.verify(by: [verifier]) }
    }

    @Test("the example note with its text changed is rejected")
    func alteredText() throws {
        let vector = try SignedNoteVector.load()
        let verifier = try NoteVerifier(parsing: vector.verifierKey)
        let note = try SignedNote(parsing: vector.note)
        let altered = try SignedNote(text: "This is an example message!\n", signatures: note.signatures)
        #expect(throws: NoteError(.badSignature, "")) { try altered.verify(by: [verifier]) }
    }
}
