import ArgumentParser
import Foundation
import TransparencyLog

/// `roundtable log verify`: checks the latest checkpoint, and its consistency with the one saved last time.
struct LogVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the latest checkpoint and that it extends the one in --state.",
        discussion: """
            Without --state, checks the log's signature on the latest checkpoint. With --state FILE, also proves from \
            the log's tiles that the latest tree extends the checkpoint saved in FILE, then saves the latest one \
            there. A rollback or a fork is reported as such and the command exits with status 1.
            """
    )

    @OptionGroup var log: LogOptions

    @Option(help: "A file holding the last checkpoint this client verified; created if absent.")
    var state: String?

    func run() async throws {
        let previous = state.flatMap { FileManager.default.contents(atPath: $0) }.map { Array($0) }
        let latest = try await log.client().verifyConsistency(since: previous)
        if let state { try Data(latest.note).write(to: URL(fileURLWithPath: state), options: .atomic) }
        let checkpoint = latest.checkpoint
        var line = "OK \(checkpoint.origin) size \(checkpoint.size) root \(checkpoint.root.base64)"
        if let previous, let old = try? log.client().open(previous).checkpoint { line += " (consistent with size \(old.size))" }
        print(line)
    }
}
