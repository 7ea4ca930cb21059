import ArgumentParser
import Foundation
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// `roundtable audit`: replays a forum's whole record from its public log and checks every act and decision.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a forum's whole log from its public tiles: every signature, member, rule, proposal and tally.",
        discussion: """
            Downloads every entry bundle and tile and checks them against the signed checkpoint (as 'roundtable log \
            audit' does), then replays the acts from the genesis by the rules of docs/acts.md and docs/governance.md: \
            every signature, membership, the rules in force, every proposal and ballot, and every decision against \
            the votes that precede its ballot's close. With the cosigned checkpoints the node lists, it looks for votes \
            logged after their ballot closed, and it recomputes every member's communication figures and compares them \
            with the node's /api/v1/communication. Reports each act that does not follow and each figure that differs, \
            and exits with status 1.
            """
    )

    @Option(help: "The node's URL (https://forum.example.org) or its log's (…/log).")
    var url: String

    @Option(help: "The log's verifier key (NAME+KEYID+BASE64), obtained out of band and pinned.")
    var vkey: String

    @Option(help: "How many entries to verify at a time.")
    var batch = 8192

    @Option(help: "A C2SP tlog-policy file the checkpoint must meet; without one, the forum's own witness rule is required.")
    var policy: String?

    func run() async throws {
        let logURL = try LogURL.prefix(url)
        let options = try LogOptions.parse(["--url", logURL, "--vkey", vkey] + (policy.map { ["--policy", $0] } ?? []))
        let nodeURL = String(logURL.dropLast("/log".count))
        let report = try await ForumAuditor(client: try options.client(), batchSize: batch, nodeURL: nodeURL).audit(progress: Progress.terminal())
        print(report.summary)
        for problem in report.problems { print("  \(problem)") }
        if !report.passed { throw ExitCode(1) }
    }
}

/// Progress lines on a terminal's standard error; nothing when it is not a terminal.
enum Progress {
    static func terminal() -> @Sendable (String) -> Void {
        guard isatty(STDERR_FILENO) == 1 else { return { _ in } }
        return { line in FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8)) }
    }
}
