import ArgumentParser
import Foundation
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

@Suite("roundtable keygen")
struct KeygenTests {
    @Test("writes a private key of mode 0600 whose verifier is the C2SP vkey, and never overwrites")
    func keygen() throws {
        let path = NSTemporaryDirectory() + "roundtable-key-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Keygen.parse(["--name", "ee.example/roundtable", "--out", path]).run()
        let mode = try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
        #expect(mode == 0o600)
        let signer = try KeyFile.read(path)
        #expect(signer.name == "ee.example/roundtable")
        #expect(try NoteVerifier(parsing: signer.verifier.description) == signer.verifier)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: CLIError.self) { try Keygen.parse(["--name", "other", "--out", path]).run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a key name with a space or plus is a usage error", arguments: ["a b", "a+b", ""])
    func badName(_ name: String) {
        #expect(throws: (any Error).self) { try Keygen.parse(["--name", name, "--out", "/tmp/unused"]) }
    }
}
