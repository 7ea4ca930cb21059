import Foundation
import Testing

@testable import roundtable

/// The command line as a user meets it: its version, a command it does not have, and wrong values, each answered
/// with status 2 and the usage of the command that was run.
@Suite("roundtable usage errors")
struct UsageErrorTests {
    static func roundtable(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Tool.status(NodeProcess.executable.path, arguments)
    }

    @Test("--version prints the release")
    func version() throws {
        let (status, output) = try Self.roundtable(["--version"])
        #expect(status == 0)
        #expect(output == "roundtable \(RoundtableCommand.version)\n")
    }

    @Test("a command roundtable does not have is named, and the commands are listed")
    func unknownCommand() throws {
        let (status, output) = try Self.roundtable(["vot", "--choice", "yes"])
        #expect(status == 2)
        #expect(output.hasPrefix("Error: 'vot' is not a roundtable command."))
        #expect(output.contains("USAGE: roundtable <subcommand>") && output.contains("vote"))
        #expect(!output.contains("serve <options>"), "not the default command's usage")
    }

    @Test("a wrong value found by the command shows that command's usage", arguments: [
        (["vote", "--node", "http://127.0.0.1:9", "--key", "/nonexistent", "--proposal", "1", "--choice", "maybe"],
         "Error: --choice: use yes, no or abstain", "roundtable vote"),
        (["audit", "--url", "http://127.0.0.1:9", "--vkey", "wrong"], "Error: --vkey:", "roundtable audit"),
        (["log", "prove", "--url", "http://127.0.0.1:9", "--vkey", "wrong", "--index", "0"], "Error: --vkey:", "roundtable log prove"),
    ])
    func wrongValue(_ arguments: [String], _ error: String, _ command: String) throws {
        let (status, output) = try Self.roundtable(arguments)
        #expect(status == 2)
        #expect(output.hasPrefix(error), "\(output)")
        #expect(output.contains("Usage: \(command) "), "\(output)")
        #expect(output.contains("See '\(command) --help' for more information."), "\(output)")
    }

    @Test("a missing argument, found while parsing, also shows the command's usage")
    func missingArgument() throws {
        let (status, output) = try Self.roundtable(["vote", "--choice", "yes"])
        #expect(status == 2)
        #expect(output.contains("Usage: roundtable vote "), "\(output)")
    }

    @Test("a node that cannot be reached is explained in plain words, with what to check")
    func unreachable() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-reach-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = directory + "/member.key"
        #expect(try Self.roundtable(["keygen", "--name", "ke.example/member", "--out", key]).status == 0)
        func vote(_ node: String) throws -> (status: Int32, output: String) {
            try Self.roundtable(["vote", "--node", node, "--key", key, "--proposal", "1", "--choice", "yes"])
        }
        // Port 1 is privileged and unused: nothing listens there.
        let refused = try vote("http://127.0.0.1:1")
        #expect(refused.status != 0)
        #expect(refused.output.contains("nothing accepts connections at http://127.0.0.1:1"), "\(refused.output)")
        #expect(refused.output.contains("is the node running"))
        let noScheme = try vote("127.0.0.1:1")
        #expect(noScheme.output.contains("is not a URL this tool can use: give an absolute http:// or https:// URL"), "\(noScheme.output)")
        // TLS to a node that serves plain HTTP.
        let node = try NodeProcess(arguments: ["--demo", "--data", directory + "/data"], output: URL(fileURLWithPath: directory + "/node.log"))
        try await node.waitUntilServing()
        let tls = try vote("https://127.0.0.1:\(node.port)")
        #expect(tls.status != 0)
        #expect(tls.output.contains("the TLS handshake with https://127.0.0.1:\(node.port)"), "\(tls.output)")
        #expect(tls.output.contains("use http:// for a node served without TLS"))
        for output in [refused.output, noScheme.output, tls.output] {
            #expect(!output.contains("errno") && !output.contains("HTTPClientError") && !output.contains("NIOSSL"), "\(output)")
        }
    }
}
