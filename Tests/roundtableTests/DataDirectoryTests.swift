import Foundation
import Logging
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableNode
import RoundtableClient
import RoundtableDataDirectory

@Suite("Data directory")
struct DataDirectoryTests {
    let path = NSTemporaryDirectory() + "roundtable-data-" + UUID().uuidString

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    func mode(_ file: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("a new directory gets a node key of mode 0600 and a database; reopening returns the same key")
    func createsAndReopens() throws {
        defer { cleanUp() }
        let directory = try DataDirectory(path: path)
        #expect(directory.isNew)
        let (signer, _) = try directory.open(keyName: "forum.test")
        #expect(try mode(directory.keyPath) == 0o600)
        #expect(FileManager.default.fileExists(atPath: directory.databasePath))
        #expect(!directory.isNew)
        let (again, _) = try directory.open(keyName: "ignored")
        #expect(again.verifier == signer.verifier)
    }

    @Test("half a node is refused: a key without a database, or a database without a key")
    func partialDirectories() throws {
        defer { cleanUp() }
        let directory = try DataDirectory(path: path)
        _ = try directory.open(keyName: "forum.test")
        try FileManager.default.moveItem(atPath: directory.keyPath, toPath: path + "/node.key.bak")
        #expect(throws: CLIError.self) { try directory.open(keyName: "forum.test") }
        try FileManager.default.moveItem(atPath: path + "/node.key.bak", toPath: directory.keyPath)
        try FileManager.default.removeItem(atPath: directory.databasePath)
        do {
            _ = try directory.open(keyName: "forum.test")
            Issue.record("a key without a database was opened")
        } catch let error as CLIError {
            #expect(error.description.contains("no roundtable.sqlite"))
        }
    }

    @Test("a directory holding other files is not taken over")
    func foreignDirectory() throws {
        defer { cleanUp() }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: path + "/thesis.txt"))
        #expect(throws: CLIError.self) { try DataDirectory(path: path).open(keyName: "forum.test") }
        #expect(!FileManager.default.fileExists(atPath: path + "/node.key"))
    }

    @Test("a corrupted database or key file is a clear error")
    func corruption() throws {
        defer { cleanUp() }
        let directory = try DataDirectory(path: path)
        _ = try directory.open(keyName: "forum.test")
        let key = try Data(contentsOf: URL(fileURLWithPath: directory.keyPath))
        try Data("PRIVATE+KEY+garbage\n".utf8).write(to: URL(fileURLWithPath: directory.keyPath))
        #expect(throws: CLIError.self) { try directory.open(keyName: "forum.test") }
        try key.write(to: URL(fileURLWithPath: directory.keyPath))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory.databasePath + suffix) }
        try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: directory.databasePath))
        #expect(throws: CLIError.self) { try directory.open(keyName: "forum.test") }
    }

    @Test("a forum reopened with another node key or another public URL is refused, never replaced")
    func mismatches() async throws {
        defer { cleanUp() }
        let forum = try TestForum()
        let founding = ForumNode<SQLiteForumStore>.Founding(forumName: "F", founders: try forum.founders)
        let logger = Logger(label: "test")
        let (signer, store) = try DataDirectory(path: path).open(keyName: "forum.test")
        _ = try await ForumNode.open(store: store, nodeSigner: signer, origin: "forum.test", founding: founding, logger: logger)
        let stranger = try NoteSigner.generate(name: "forum.test")
        await #expect(throws: ForumNodeError.self) {
            try await ForumNode.open(store: store, nodeSigner: stranger, origin: "forum.test", founding: nil, logger: logger)
        }
        await #expect(throws: ForumNodeError.self) {
            try await ForumNode.open(store: store, nodeSigner: signer, origin: "other.example", founding: nil, logger: logger)
        }
        #expect(try await store.entryCount() == 1)
        let reopened = try await ForumNode.open(store: store, nodeSigner: signer, origin: "forum.test", founding: founding, logger: logger)
        #expect(reopened.state.members.count == 3)
    }

    @Test("an empty store without founders says how to create a forum")
    func noForum() async throws {
        defer { cleanUp() }
        let (signer, store) = try DataDirectory(path: path).open(keyName: "forum.test")
        do {
            _ = try await ForumNode.open(store: store, nodeSigner: signer, origin: "forum.test", founding: nil, logger: Logger(label: "test"))
            Issue.record("a forum was opened without founders")
        } catch let error as ForumNodeError {
            #expect(error.description.contains("--founders"))
        }
    }
}
