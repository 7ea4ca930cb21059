import ArgumentParser
import Foundation
import RoundtableServer
import RoundtableStorageSQLite
import Testing

@testable import roundtable

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
        let members = try await first.get("/api/v1/members")
        #expect(members.body.contains("\"id\":\"ke\""))

        let proposals = try await first.get("/api/v1/proposals").body
        for outcome in ["\"outcome\":\"adopted\"", "\"outcome\":\"adopted-without-vote\"", "\"outcome\":\"no-decision\"", "\"stage\":\"ballot\""] {
            #expect(proposals.contains(outcome), "the demo shows decided, no-quorum and open proposals")
        }

        let before = try JSONDecoder().decode(ForumController<SQLiteForumStore>.ForumDTO.self, from: Data(try await first.get("/api/v1/forum").body.utf8))
        let submit = ["--node", first.url, "--key", data + "/demo-keys/ke.key", "--text-file", data + "/demo-keys/ke-next-act.txt"]
        try await ActSubmit.parse(submit).run()
        await #expect(throws: CLIError.self) { try await ActSubmit.parse(submit).run() }
        let forum = try JSONDecoder().decode(ForumController<SQLiteForumStore>.ForumDTO.self, from: Data(try await first.get("/api/v1/forum").body.utf8))
        #expect(forum.entries == before.entries + 1)
        let submittedText = try String(contentsOfFile: data + "/demo-keys/ke-next-act.txt", encoding: .utf8)
        let acknowledged = try await first.get("/api/v1/acts/\(before.entries)").body
        #expect(acknowledged.hasPrefix(submittedText + "\n— ke.demo.roundtable/member "))
        let kenya = try await first.get("/api/v1/members/ke").body
        #expect(first.stop(signal: SIGTERM) == 0)

        let second = try NodeProcess(arguments: ["--demo", "--data", data], output: output)
        try await second.waitUntilServing()
        #expect(try await second.get("/api/v1/acts/\(before.entries)").body == acknowledged)
        #expect(try await second.get("/api/v1/members/ke").body == kenya)
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
}
