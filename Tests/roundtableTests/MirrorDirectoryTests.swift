import Foundation
import Testing

@testable import roundtable
import RoundtableClient
import RoundtableTestSupport

@Suite("A mirror's directory")
struct MirrorDirectoryTests {
    static func temporaryPath() -> String { NSTemporaryDirectory() + "roundtable-mirror-dir-" + UUID().uuidString }

    @Test("staged files stay out of sight until published; the checkpoint is replaced whole; a new holder drops what a crashed pass staged")
    func staging() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var store: MirrorDirectory? = try MirrorDirectory(path: path)
        try await store!.stage("tile/0/x001/000", bytes: [1, 2, 3])
        #expect(try await store!.published("tile/0/x001/000") == nil)
        #expect(!FileManager.default.fileExists(atPath: path + "/tile"))
        try await store!.publishStaged()
        #expect(try await store!.published("tile/0/x001/000") == [1, 2, 3])
        let mode = try FileManager.default.attributesOfItem(atPath: path + "/tile/0/x001/000")[.posixPermissions] as? Int
        #expect(mode == 0o644, "a web server running as another user reads the copy")

        try await store!.replaceCheckpoint(with: Array("first\n".utf8))
        try await store!.replaceCheckpoint(with: Array("second\n".utf8))
        #expect(try await store!.published("checkpoint") == Array("second\n".utf8))

        try await store!.stage("tile/0/x001/001", bytes: [4])
        store = nil  // the process ends before publishing
        // The lock goes with its holder. A process another test starts at that moment holds a copy of the lock's
        // descriptor until it executes its program (the descriptor closes on exec): the new holder waits for that.
        var next: MirrorDirectory?
        try await waitUntil("the first holder's lock to be released") {
            do { next = try MirrorDirectory(path: path) } catch let error as CLIError where "\(error)".contains("in use by another process") {}
            return next != nil
        }
        let reopened = try #require(next)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path + "/" + MirrorDirectory.stagingDirectoryName).isEmpty)
        try await reopened.publishStaged()
        #expect(try await reopened.published("tile/0/x001/001") == nil)
        #expect(try await reopened.published("tile/0/x001/000") == [1, 2, 3])
    }

    @Test("a directory another mirror holds, or one with other files, is refused with what to do")
    func refusals() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let holder = try MirrorDirectory(path: path)
        #expect { try MirrorDirectory(path: path) } throws: { error in
            "\(error)".contains("in use by another process (PID \(getpid()))") && "\(error)".contains("another --dir")
        }
        withExtendedLifetime(holder) {}

        let foreign = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: foreign + "/notes.txt"))
        #expect { try MirrorDirectory(path: foreign) } throws: { error in
            "\(error)".contains("notes.txt") && "\(error)".contains("new or empty directory")
        }
    }
}
