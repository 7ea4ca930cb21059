import Foundation
import NIOCore
import NIOHTTP1

@testable import roundtable

/// A `roundtable serve` process started from the built executable, on a loopback port, stopped by its PID.
final class NodeProcess {
    let process = Process()
    let port: Int
    let output: URL

    /// The `roundtable` executable built beside the test bundle.
    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("roundtable")
    }

    init(arguments: [String], port: Int, output: URL) throws {
        self.port = port
        self.output = output
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", String(port)] + arguments
        let handle = try FileHandle(forWritingTo: output)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Waits until `/healthz` answers, polling; fails if the process exits first or after `attempts` tries.
    func waitUntilServing(attempts: Int = 300) async throws {
        for _ in 0..<attempts {
            guard process.isRunning else { throw NodeProcessError("the node exited: \(log)") }
            if (try? await get("/healthz").status) == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NodeProcessError("the node did not answer /healthz: \(log)")
    }

    /// Sends a signal and waits for the process to exit; returns its exit status.
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    func get(_ path: String) async throws -> (status: HTTPResponseStatus, body: String) {
        let reply = try await NodeHTTP.get(url + path, timeout: 10)
        return (reply.status, reply.text)
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    deinit { if process.isRunning { process.terminate() } }
}

struct NodeProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
