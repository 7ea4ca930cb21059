import ArgumentParser
import Foundation
import NIOHTTP1
import RoundtableServer
import RoundtableStorageSQLite
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableAPI
import RoundtableClient
import RoundtableDataDirectory

@Suite("roundtable serve as a process")
struct ServeProcessTests {
    @Test("the demo serves, accepts a CLI-signed act, refuses its replay, stops on SIGTERM and keeps the act after restart")
    func demoLifecycle() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-serve-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let output = URL(fileURLWithPath: directory + "/node.log")

        let first = try NodeProcess(arguments: ["--demo", "--data", data], output: output)
        try await first.waitUntilServing()
        #expect(first.log.contains("act submit --node \(NodeProcess.defaultPublicURL)"))
        // The banner's commands work in the order printed: the prepared act carries Kenya's next sequence number, so it
        // comes before the commands that sign Kenya's other acts.
        let banner = first.log
        let submitAt = try #require(banner.range(of: "roundtable act submit"))
        for later in ["roundtable vote", "roundtable propose", "roundtable request answer"] {
            let at = try #require(banner.range(of: later), "\(later)")
            #expect(submitAt.lowerBound < at.lowerBound, "\(later) is printed after act submit")
        }
        #expect(banner.contains("with \(DemoForum.members.count + 1) members"), "the seven founders and Chile")
        let members = try await first.get("/api/v1/members")
        #expect(members.body.contains("\"id\":\"ke\""))

        let proposals = try await first.get("/api/v1/proposals").body
        for outcome in ["\"outcome\":\"adopted\"", "\"outcome\":\"adopted-without-vote\"", "\"outcome\":\"no-decision\"", "\"stage\":\"ballot\""] {
            #expect(proposals.contains(outcome), "the demo shows decided, no-quorum and open proposals")
        }

        let before = try JSONDecoder().decode(API.Forum.self, from: Data(try await first.get("/api/v1/forum").body.utf8))
        let submit = ["--node", first.url, "--key", data + "/demo-keys/ke.key", "--text-file", data + "/demo-keys/ke-next-act.txt"]
        try await ActSubmit.parse(submit).run()
        await #expect(throws: CLIError.self) { try await ActSubmit.parse(submit).run() }
        let forum = try JSONDecoder().decode(API.Forum.self, from: Data(try await first.get("/api/v1/forum").body.utf8))
        #expect(forum.entries == before.entries + 1)
        let submittedText = try String(contentsOfFile: data + "/demo-keys/ke-next-act.txt", encoding: .utf8)
        let acknowledged = try await first.get("/api/v1/acts/\(before.entries)").body
        #expect(acknowledged.hasPrefix(submittedText + "\n— ke.demo.roundtable/member "))
        let kenya = try JSONDecoder().decode(API.Member.self, from: Data(try await first.get("/api/v1/members/ke").body.utf8))
        // The demo's member witnesses cosign its checkpoints from the start: a majority of the three, within seconds.
        let witnesses = ["witness.ee.demo.roundtable", "witness.fr.demo.roundtable", "witness.ke.demo.roundtable"]
        try await waitUntil(attempts: 600) {
            let checkpoint = try SignedNote(parsing: Array(try await first.get("/log/checkpoint").body.utf8))
            return checkpoint.signatures.filter { witnesses.contains($0.keyName) }.count >= 2
        }
        #expect(first.stop(signal: SIGTERM) == 0)

        let second = try NodeProcess(arguments: ["--demo", "--data", data], output: output)
        try await second.waitUntilServing()
        #expect(try await second.get("/api/v1/acts/\(before.entries)").body == acknowledged)
        // Kenya is as it was, but for the act that registered its witness again, at the port it listens on now.
        var again = try JSONDecoder().decode(API.Member.self, from: Data(try await second.get("/api/v1/members/ke").body.utf8))
        #expect(again.nextSeq == kenya.nextSeq + 1)
        again.nextSeq = kenya.nextSeq
        #expect(again == kenya)
        // The restarted node does not know what its witnesses last cosigned: each answers 409 with its size, and the
        // node proves consistency from there. A checkpoint past the restart is cosigned again.
        let restartedSize = try JSONDecoder().decode(API.Forum.self, from: Data(try await second.get("/api/v1/forum").body.utf8)).entries
        try await waitUntil(attempts: 600) {
            let checkpoint = try SignedNote(parsing: Array(try await second.get("/log/checkpoint").body.utf8))
            return try Checkpoint(parsing: checkpoint.text).size >= restartedSize
                && checkpoint.signatures.filter { witnesses.contains($0.keyName) }.count >= 2
        }
        #expect(second.stop(signal: SIGINT) == 0)
    }

    @Test("a data directory holding other files makes serve exit with an error, writing nothing")
    func refusesForeignDirectory() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-foreign-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
        let node = try NodeProcess(arguments: ["--data", directory], output: URL(fileURLWithPath: NSTemporaryDirectory() + UUID().uuidString))
        #expect(node.waitForExit() != 0)
        #expect(node.log.contains("is not a Roundtable data directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["notes.txt"])
    }

    @Test("a second serve on a running node's data directory exits at once naming the directory and the PID, and the forum is unchanged")
    func secondProcessRefused() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-lock-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let first = try NodeProcess(arguments: ["--demo", "--data", data], output: URL(fileURLWithPath: directory + "/first.log"))
        try await first.waitUntilServing()
        let before = try await first.get("/api/v1/forum").body
        let database = try Data(contentsOf: URL(fileURLWithPath: data + "/roundtable.sqlite"))

        for extra in [[], ["--public-url", "http://elsewhere.test"]] {
            let second = try NodeProcess(
                arguments: ["--demo", "--data", data] + extra,
                output: URL(fileURLWithPath: directory + "/second-\(UUID().uuidString).log")
            )
            #expect(second.waitForExit() != 0)
            #expect(
                second.log.contains("the data directory \(data) is in use by another Roundtable process (PID \(first.process.processIdentifier))"),
                "\(second.log)"
            )
        }
        // Any other command that takes the directory is refused the same way, in-process.
        #expect(throws: CLIError.self) { try DataDirectory(path: data) }

        #expect(try await first.get("/healthz").status == .ok)
        #expect(try await first.get("/api/v1/forum").body == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/roundtable.sqlite")) == database)
        #expect(first.stop() == 0)
        // Once the first has stopped, the directory is free again.
        let third = try NodeProcess(arguments: ["--demo", "--data", data], output: URL(fileURLWithPath: directory + "/third.log"))
        try await third.waitUntilServing()
        #expect(third.stop() == 0)
    }

    @Test("--port 0 without --public-url is refused: the forum's origin must not follow a port chosen at start")
    func portZeroNeedsPublicURL() throws {
        #expect(throws: (any Error).self) { try ServeOptions.parse(["--port", "0"]).resolve(environment: [:]) }
        let resolved = try ServeOptions.parse(["--port", "0", "--public-url", "https://forum.example", "--port-file", "p"]).resolve(environment: [:])
        #expect(resolved.portFile == "p")
        #expect(try resolved.configuration.origin == "forum.example")
    }

    @Test("a forum name with a control character is refused before anything is written")
    func forumNameChecked() throws {
        for name in ["two\nlines", "tab\there", "bell\u{07}", "del\u{7F}", "c1\u{85}"] {
            #expect(throws: (any Error).self) { try ServeOptions.parse(["--forum-name", name]).resolve(environment: [:]) }
        }
    }
}
