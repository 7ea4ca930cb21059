import Foundation
import Testing
import TransparencyLog

@Suite("Note keys")
struct NoteKeyTests {
    @Test("a generated key's private text and verifier text round-trip")
    func roundTrip() throws {
        let signer = try NoteSigner.generate(name: "ministry.example/roundtable")
        #expect(signer.privateKeyText.hasPrefix("PRIVATE+KEY+ministry.example/roundtable+\(signer.verifier.keyID)+"))
        let reread = try NoteSigner(parsing: signer.privateKeyText + "\n")
        #expect(reread.verifier == signer.verifier)
        #expect(try NoteVerifier(parsing: signer.verifier.description) == signer.verifier)
    }

    @Test("the key ID is SHA-256(name, newline, type, key) truncated, as in the C2SP example")
    func keyIDDerivation() throws {
        let verifier = try NoteVerifier(parsing: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let derived = NoteKeyID(name: "example.com/foo", signatureType: 0x01, publicKey: verifier.publicKeyBytes)
        #expect(derived.description == "530d903a")
        #expect(NoteKeyID(name: "example.com/foo", signatureType: 0x04, publicKey: verifier.publicKeyBytes) != derived)
    }

    static let badVerifiers = [
        "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // wrong key ID
        "example.com/foo+530d903a+BEkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // signature type 0x04
        "example.com/foo+530d903a",  // no key
        "example.com/foo+530d90+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // short key ID
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U",  // truncated key
        "+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // no name
        "exa mple+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // space in name
    ]

    @Test("malformed verifier keys are refused", arguments: badVerifiers)
    func badVerifier(_ text: String) {
        #expect(throws: NoteError(.malformedKey, "")) { try NoteVerifier(parsing: text) }
    }

    @Test("malformed private keys are refused")
    func badPrivateKeys() throws {
        let good = try NoteSigner.generate(name: "k").privateKeyText
        for bad in [good.replacingOccurrences(of: "PRIVATE+KEY", with: "PUBLIC+KEY"), "PRIVATE+KEY+k+00000000+AAAA", "", String(good.dropLast(4))] {
            #expect(throws: NoteError(.malformedKey, "")) { try NoteSigner(parsing: bad) }
        }
    }

    @Test("key names with spaces or plus signs are refused", arguments: ["", "a b", "a+b", "tab\tname"])
    func badNames(_ name: String) {
        #expect(throws: NoteError(.malformedKey, "")) { try NoteSigner.generate(name: name) }
    }
}
