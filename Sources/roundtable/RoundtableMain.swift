import ArgumentParser
import Dispatch
import Foundation
import NIOCore
import NIOPosix

/// The entry point: parses the command line, makes SwiftNIO's event loops Swift concurrency's executor when the
/// command is `serve` or `witness serve`, then runs the command.
///
/// SwiftNIO requires the install to happen on the main thread before any task starts, hence this synchronous `main`
/// rather than an async one. The node's tasks then run on the event loops that serve the connections: a request is
/// read, its signature checked and its reply written on one thread, instead of handed between the event loops and a
/// second pool of threads. The other commands keep Swift's default executor, so that `roundtable audit` verifies
/// signatures on the cores while the HTTP client's event loop downloads.
@main
enum RoundtableMain {
    /// Whether tasks run on SwiftNIO's event loops: `true` once `serve` installed them; `false` for the other commands,
    /// for `serve` run in-process (tests), and where the runtime has no hook for another executor.
    nonisolated(unsafe) private(set) static var onEventLoops = false

    static func main() {
        let command: any ParsableCommand
        do { command = try RoundtableCommand.parseAsRoot() } catch { fail(error) }
        if command is Serve || command is WitnessServe {
            onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        // The parsed command is handed to the one task that runs it; nothing else touches it.
        nonisolated(unsafe) let parsed = command
        Task.detached {
            do {
                if var command = parsed as? any AsyncParsableCommand {
                    try await command.run()
                } else {
                    var command = parsed
                    try command.run()
                }
                exit(0)
            } catch {
                fail(error)
            }
        }
        dispatchMain()
    }

    /// Prints the error and exits: with status 2 for wrong usage, as Unix tools do (ArgumentParser's own is 64), with
    /// the status the error calls for otherwise.
    static func fail(_ error: any Error) -> Never {
        guard RoundtableCommand.exitCode(for: error) == .validationFailure else { RoundtableCommand.exit(withError: error) }
        FileHandle.standardError.write(Data((RoundtableCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
}
