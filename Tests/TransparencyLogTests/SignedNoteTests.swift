import Foundation
import Testing
import TransparencyLog

@Suite("Signed notes")
struct SignedNoteTests {
    let alice = try! NoteSigner.generate(name: "alice.example/key")
    let bob = try! NoteSigner.generate(name: "bob.example/key")

    @Test("a signed note round-trips through its bytes and verifies")
    func roundTrip() throws {
        let note = try SignedNote.sign(text: "line one\nline two\n", with: [alice, bob])
        let parsed = try SignedNote(parsing: note.bytes)
        #expect(parsed == note)
        #expect(try parsed.verify(by: [alice.verifier, bob.verifier]) == [alice.verifier, bob.verifier])
    }

    @Test("signatures from unknown keys are ignored when a known key verifies")
    func unknownSignaturesIgnored() throws {
        let note = try SignedNote.sign(text: "hello\n", with: [bob, alice])
        #expect(try note.verify(by: [alice.verifier]) == [alice.verifier])
    }

    @Test("a note signed by no known key is rejected as unknown_key")
    func noKnownKey() throws {
        let note = try SignedNote.sign(text: "hello\n", with: [bob])
        #expect(throws: NoteError(.unknownKey, "")) { try note.verify(by: [alice.verifier]) }
    }

    @Test("a known key with a failing signature rejects the note even when another verifies")
    func knownBadSignature() throws {
        let good = try alice.signature(for: Array("hello\n".utf8))
        let bad = try bob.signature(for: Array("other\n".utf8))
        let note = try SignedNote(text: "hello\n", signatures: [good, bad])
        #expect(throws: NoteError(.badSignature, "")) { try note.verify(by: [alice.verifier, bob.verifier]) }
    }

    @Test("a key with the same name and ID but another public key does not verify")
    func sameNameOtherKey() throws {
        let note = try SignedNote.sign(text: "hello\n", with: [alice])
        let impostor = try NoteSigner.generate(name: alice.name)
        let lookup: (String, NoteKeyID) -> NoteVerifier? = { _, _ in impostor.verifier }
        #expect(throws: NoteError(.badSignature, "")) { try note.verify(using: lookup) }
    }

    @Test("the text may hold blank lines; the last blank line separates the signatures")
    func blankLinesInText() throws {
        let note = try SignedNote.sign(text: "para one\n\npara two\n", with: [alice])
        let parsed = try SignedNote(parsing: note.bytes)
        #expect(parsed.text == "para one\n\npara two\n")
        #expect(try parsed.verify(by: [alice.verifier]).count == 1)
    }

    @Test("a note verifies with 100 signatures and is refused with 101")
    func signatureCount() throws {
        let text = "many\n"
        let line = try alice.signature(for: Array(text.utf8)).line
        let hundred = Array((text + "\n" + String(repeating: line, count: 100)).utf8)
        #expect(try SignedNote(parsing: hundred).verify(by: [alice.verifier]).count == 100)
        let tooMany = Array((text + "\n" + String(repeating: line, count: 101)).utf8)
        #expect(throws: NoteError(.tooManySignatures, "")) { try SignedNote(parsing: tooMany) }
    }

    static let malformed: [(String, [UInt8], NoteError.Code)] = [
        ("invalid UTF-8", Array("hello\n\n— k AAAA\n".utf8).replacing([UInt8(ascii: "e")], with: [0xC3, 0x28]), .notUTF8),
        ("carriage return", Array("hello\r\n\n— k QUFBQUFB\n".utf8), .controlCharacter),
        ("tab", Array("hel\tlo\n\n— k QUFBQUFB\n".utf8), .controlCharacter),
        ("NUL", Array("hel\0lo\n\n— k QUFBQUFB\n".utf8), .controlCharacter),
        ("DEL", Array("hel\u{7F}lo\n\n— k QUFBQUFB\n".utf8), .controlCharacter),
        ("no blank line", Array("hello\n— k QUFBQUFB\n".utf8), .malformedNote),
        ("no signature lines", Array("hello\n\n".utf8), .noSignature),
        ("empty", [], .malformedNote),
        ("signature line without newline", Array("hello\n\n— k QUFBQUFB".utf8), .malformedNote),
        ("hyphen instead of em dash", Array("hello\n\n- k QUFBQUFB\n".utf8), .malformedNote),
        ("no key name", Array("hello\n\n—  QUFBQUFB\n".utf8), .malformedNote),
        ("bad base64", Array("hello\n\n— k !!!!\n".utf8), .malformedNote),
        ("signature shorter than a key ID", Array("hello\n\n— k QUFB\n".utf8), .malformedNote),
        ("extra field", Array("hello\n\n— k QUFBQUFB extra\n".utf8), .malformedNote),
        ("plus in key name", Array("hello\n\n— k+1 QUFBQUFB\n".utf8), .malformedNote),
        ("trailing blank line: the last blank line leaves no signatures", Array("hello\n\n— k QUFBQUFB\n\n".utf8), .noSignature),
    ]

    @Test("malformed notes are refused with a precise code", arguments: malformed)
    func malformedNotes(_ name: String, bytes: [UInt8], code: NoteError.Code) {
        #expect(throws: NoteError(code, "")) { try SignedNote(parsing: bytes) }
    }
}

extension Array where Element == UInt8 {
    fileprivate func replacing(_ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        guard let index = firstIndex(of: old[0]) else { return self }
        var copy = self
        copy.replaceSubrange(index..<(index + old.count), with: new)
        return copy
    }
}
