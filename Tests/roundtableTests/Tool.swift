import Foundation

/// Runs a command-line tool found on the `PATH` (with the system directories added), for the tests that drive
/// system tools or the built `roundtable` as a whole process.
enum Tool {
    /// Runs a tool and returns its output; fails if it exits with another status than 0.
    /// - Parameters:
    ///   - tool: The tool's name, or its path.
    ///   - arguments: Its arguments.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let (status, output) = try status(tool, arguments)
        guard status == 0 else { throw NodeProcessError("\(tool) \(arguments.joined(separator: " ")) exited \(status): \(output)") }
        return output
    }

    /// Runs a tool and returns its exit status and its output (standard output and error together).
    static func status(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw NodeProcessError("cannot run \(tool): \(error); install it (scripts/test.sh does)") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
