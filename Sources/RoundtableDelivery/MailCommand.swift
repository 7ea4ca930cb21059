import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sendmail-compatible command run once per message: the message on its standard input, its exit status and its
/// output the result. A command that outlives its timeout is sent SIGTERM, then SIGKILL two seconds later; a
/// cancelled task (the queue stopping) sends SIGKILL at once, since a child may have inherited a mask that blocks
/// SIGTERM and a cancelled task cannot wait to escalate. Either way the process is waited for, never left behind.
struct MailCommand: Sendable {
    /// The executable's path and its arguments.
    let arguments: [String]
    /// How long the command may run.
    let timeout: Duration

    /// Runs the command with `input` on its standard input.
    /// - Throws: ``DeliveryError/Code/mailCommandFailed`` with the command's output when it cannot be started or
    ///   exits with another status than 0; ``DeliveryError/Code/timedOut`` when it did not finish in time.
    func run(input: [UInt8]) async throws(DeliveryError) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, exit, output) = try start(input: input, in: directory)
        let timedOut = await wait(process, exit)
        let text = Self.excerpt((try? String(contentsOf: output, encoding: .utf8)) ?? "")
        let command = arguments.joined(separator: " ")
        if timedOut { throw DeliveryError(.timedOut, "\(command) did not finish within \(timeout)" + (text.isEmpty ? "" : ": \(text)")) }
        let status = await exit.wait()
        if status == 0 { return }
        if Task.isCancelled { throw DeliveryError(.stopped, "stopped while \(command) ran") }
        throw DeliveryError(.mailCommandFailed, "\(command) exited with status \(status)" + (text.isEmpty ? "" : ": \(text)"))
    }

    private func start(input: [UInt8], in directory: URL) throws(DeliveryError) -> (Process, ProcessExit, URL) {
        guard let executable = arguments.first else { throw DeliveryError(.mailCommandFailed, "no mail command is configured") }
        let message = directory.appendingPathComponent("message")
        let output = directory.appendingPathComponent("output")
        let process = Process()
        let exit = ProcessExit()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(input).write(to: message)
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(arguments.dropFirst())
            let reading = try FileHandle(forReadingFrom: message)
            let writing = try FileHandle(forWritingTo: output)
            // The child has its own copies of the descriptors once it runs.
            defer {
                try? reading.close()
                try? writing.close()
            }
            process.standardInput = reading
            process.standardOutput = writing
            process.standardError = writing
            process.terminationHandler = { exit.finish($0.terminationStatus) }
            try process.run()
        } catch {
            throw DeliveryError(.mailCommandFailed, "cannot run \(executable): \(error)")
        }
        return (process, exit, output)
    }

    /// Waits for the process to exit, ending it if it outlives the timeout or the task is cancelled.
    /// - Returns: Whether the timeout ended it.
    private func wait(_ process: Process, _ exit: ProcessExit) async -> Bool {
        let pid = process.processIdentifier
        let timeout = timeout
        return await withTaskCancellationHandler {
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    guard (try? await Task.sleep(for: timeout)) != nil, !exit.hasExited else { return false }
                    kill(pid, SIGTERM)
                    if (try? await Task.sleep(for: .seconds(2))) != nil, !exit.hasExited { kill(pid, SIGKILL) }
                    return true
                }
                _ = await exit.wait()
                group.cancelAll()
                return await group.next() ?? false
            }
        } onCancel: {
            if !exit.hasExited { kill(pid, SIGKILL) }
        }
    }

    /// The output on one line, at most 500 characters.
    private static func excerpt(_ text: String) -> String {
        String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(500)).trimmingCharacters(in: .whitespaces)
    }
}
