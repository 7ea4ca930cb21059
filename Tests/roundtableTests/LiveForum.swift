import Foundation
import NIOHTTP1
import RoundtableDomain
import RoundtableTestSupport
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// A real `roundtable serve` node (port 0) on a forum of three members, in a directory of its own, with acts submitted
/// as a test needs them.
final class LiveForum {
    static let members = ["m1", "m2", "m3"]

    let directory: String
    let forum: TestForum
    let node: NodeProcess
    /// The log's verifier key.
    let vkey: String
    private var next = 1

    /// Starts a node on a new forum.
    /// - Parameter name: Names the forum's origin (`NAME.test`) and the directory.
    init(name: String) async throws {
        directory = NSTemporaryDirectory() + "roundtable-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        forum = try TestForum(origin: "\(name).test", memberIDs: Self.members)
        node = try DurabilityTests.startNode(forum: forum, directory: directory, data: directory + "/data", log: directory + "/node.log")
        try await node.waitUntilServing()
        let url = node.url
        try await waitUntil { try await getBytes(url + "/log/checkpoint").0 == .ok }
        vkey = String(decoding: try await getBytes(node.url + "/log/vkey").1, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The log's URL prefix on the node.
    var logURL: String { node.url + "/log" }

    /// The arguments of `roundtable mirror` that mirror this node's log into `dir`.
    func mirrorArguments(_ dir: String) -> [String] { ["--url", logURL, "--vkey", vkey, "--dir", dir] }

    /// The checkpoint the node serves, and its tree size.
    func checkpoint() async throws -> (note: [UInt8], size: UInt64) {
        let note = try await getBytes(logURL + "/checkpoint").1
        return (note, try Checkpoint(parsing: try SignedNote(parsing: note).text).size)
    }

    /// Submits `count` acts, the members in parallel, and waits until a checkpoint covers them.
    func submit(_ count: Int) async throws {
        let before = try await checkpoint().size
        let (url, forum, first) = (node.url, forum, next)
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Act n (from 1) is member (n - 1) mod 3's act number (n - 1) / 3 + 1.
            for (offset, member) in Self.members.enumerated() {
                let acts = (first..<(first + count)).filter { ($0 - 1) % Self.members.count == offset }
                group.addTask {
                    for act in acts {
                        let entry = try forum.credentialAct(
                            by: member, seq: UInt64((act - 1) / Self.members.count + 1), [.addToken(try TestForum.token("t\(act)", act))])
                        let (status, body) = try await postAct(entry, to: url)
                        guard status == .created else { throw NodeProcessError("act \(act) refused: \(status) \(body)") }
                    }
                }
            }
            try await group.waitForAll()
        }
        next += count
        try await waitUntil { try await self.checkpoint().size >= before + UInt64(count) }
    }

    /// Stops the node if it runs and removes the directory.
    func remove() {
        if node.process.isRunning { _ = node.stop() }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
