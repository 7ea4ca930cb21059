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
        refuseUnknownCommand(Array(CommandLine.arguments.dropFirst()))
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
                fail(error, running: type(of: parsed))
            }
        }
        dispatchMain()
    }

    /// Prints the error and exits: with status 2 for wrong usage, as Unix tools do (ArgumentParser's own is 64), with
    /// the status the error calls for otherwise. Wrong usage shows the usage of the command that was run.
    /// - Parameters:
    ///   - error: What went wrong.
    ///   - command: The command that was running, when the error came from running it rather than from parsing.
    static func fail(_ error: any Error, running command: (any ParsableCommand.Type)? = nil) -> Never {
        guard RoundtableCommand.exitCode(for: error) == .validationFailure else { RoundtableCommand.exit(withError: error) }
        guard let command, let path = path(to: command) else {
            FileHandle.standardError.write(Data((RoundtableCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
        // An error a command found in its own arguments: ArgumentParser would show the root's usage, not this command's.
        let message = """
            Error: \(RoundtableCommand.message(for: error))
            Usage: \(RoundtableCommand.usageString(for: command))
              See '\(path.joined(separator: " ")) --help' for more information.

            """
        FileHandle.standardError.write(Data(message.utf8))
        exit(2)
    }

    /// The names from `roundtable` to a subcommand, or `nil` when it is not in the tree.
    static func path(to command: any ParsableCommand.Type, from root: any ParsableCommand.Type = RoundtableCommand.self) -> [String]? {
        let name = name(of: root)
        if command == root { return [name] }
        for subcommand in root.configuration.subcommands {
            if let rest = path(to: command, from: subcommand) { return [name] + rest }
        }
        return nil
    }

    /// A command's name on the command line.
    private static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// Exits with status 2 when the first argument is neither an option nor a command, listing the commands:
    /// otherwise the default command (`serve`) would report it as an unexpected argument of its own.
    static func refuseUnknownCommand(_ arguments: [String]) {
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = RoundtableCommand.configuration.subcommands.map(name(of:))
        guard !names.contains(first), first != "help" else { return }
        let message = "Error: '\(first)' is not a roundtable command.\n\n" + RoundtableCommand.helpMessage() + "\n"
        FileHandle.standardError.write(Data(message.utf8))
        exit(2)
    }
}
