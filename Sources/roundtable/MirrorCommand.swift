import ArgumentParser
import Foundation
import RoundtableClient
import TransparencyLog
import UnixSignals

/// `roundtable mirror`: keeps a verified copy of a log in a directory that any static web server can serve.
struct MirrorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirror",
        abstract: "Keep a verified copy of a log (checkpoint, tiles, entry bundles) in a directory a web server can serve.",
        discussion: """
            Verifies the log's latest checkpoint with --vkey and proves it extends the checkpoint already in --dir, \
            then fetches only the tiles and entry bundles the copy lacks, authenticates each against the new \
            checkpoint, and replaces the copy's checkpoint last. The directory is laid out at the log's own paths \
            (checkpoint, tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>]): served at the same URL prefix it is the log, \
            byte for byte. See docs/witnesses.md, "Mirrors".

            Exit status: 0 the copy is up to date; 1 the log failed verification (rollback, fork, altered or missing \
            data, or the copy's checkpoint is not this log's), and the copy was left as it was; 2 wrong usage; 3 the \
            pass could not complete (network, disk), and the copy was left as it was.
            """
    )

    @OptionGroup var log: LogOptions

    @Option(help: "The directory of the copy: new, empty, or one this command made.")
    var dir: String

    @Flag(help: "Keep following the log, one pass every --interval seconds, until SIGINT or SIGTERM.")
    var watch = false

    @Option(help: "Seconds between passes with --watch (default 60).")
    var interval: Int?

    func validate() throws {
        if interval != nil, !watch { throw ValidationError("--interval goes with --watch") }
        if let interval, interval < 1 { throw ValidationError("--interval is a number of seconds, at least 1") }
    }

    func run() async throws {
        let store: MirrorDirectory
        do { store = try MirrorDirectory(path: dir) } catch { throw ValidationError("--dir: \(error)") }
        let mirror = LogMirror(client: try log.client(), store: store)
        if watch {
            try await follow(mirror, every: .seconds(interval ?? 60))
        } else {
            do { report(try await pass(mirror), always: true) } catch { throw failure(error) }
        }
    }

    /// One pass, with progress lines on a terminal.
    private func pass(_ mirror: LogMirror) async throws -> LogMirror.Pass {
        let line = Progress.terminal()
        defer { line("") }
        return try await mirror.update { progress in
            guard progress.total > 0 else { return }
            line("  mirrored \(progress.entries) of \(progress.total) entries (\(progress.entries * 100 / progress.total)%)")
        }
    }

    /// Passes until SIGINT or SIGTERM; a pass that cannot complete is retried at the next one, a verification failure
    /// ends the command.
    private func follow(_ mirror: LogMirror, every interval: Duration) async throws {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for await _ in signals { return } }
            group.addTask {
                var first = true
                while true {
                    do {
                        report(try await pass(mirror), always: first)
                        first = false
                    } catch where !Task.isCancelled {
                        let failure = failure(error)
                        guard failure == ExitCode(3) else { throw failure }
                    }
                    try await Task.sleep(for: interval)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func report(_ pass: LogMirror.Pass, always: Bool) {
        let checkpoint = pass.checkpoint
        let head = "OK \(checkpoint.origin) size \(checkpoint.size)"
        guard pass.replaced else {
            if always { print("\(head): \(dir) is up to date") }
            return
        }
        let since = pass.previous.map { "extends the copy's size \($0.size)" } ?? "a new copy"
        print("\(head): wrote \(pass.files) tiles and bundles to \(dir), then the checkpoint (\(since))")
    }

    /// Says on standard error what went wrong and what to do; returns the exit status it calls for.
    private func failure(_ error: any Error) -> ExitCode {
        let kept = "The copy in \(dir) was left as it was."
        let (status, message): (ExitCode, String)
        switch error {
        case LogClientError.noCheckpoint:
            (status, message) = (ExitCode(3), "the pass could not complete: \(error). \(kept)")
        case LogClientError.fork, LogClientError.rollback:
            let evidence = "Keep \(dir)/checkpoint and save \(log.prefix)/checkpoint: both are signed by the log, and together they prove "
            (status, message) = (ExitCode(1), "REFUSED: \(error). \(kept) \(evidence)it showed two histories. Tell the other members.")
        case is LogClientError, is ProofError:
            (status, message) = (ExitCode(1), "REFUSED: \(error). \(kept) Do not trust what the log serves until this is explained.")
        case is LogMirrorError:
            (status, message) = (ExitCode(1), "REFUSED: \(error). \(kept)")
        case is NoteError, is FormatError:
            let check = "Check that --vkey is the key the members pinned for this log; if it is, the log does not sign with it."
            (status, message) = (ExitCode(1), "REFUSED: the log's checkpoint does not verify with --vkey (\(error)). \(kept) \(check)")
        default:
            (status, message) = (ExitCode(3), "the pass could not complete: \(error). \(kept) Run again (with --watch, the next pass retries).")
        }
        FileHandle.standardError.write(Data("roundtable mirror: \(message)\n".utf8))
        return status
    }
}
