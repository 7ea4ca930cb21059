import Foundation
import NIOCore
import NIOHTTP1

@testable import roundtable
import RoundtableClient

/// A `roundtable serve` (or `roundtable witness serve`) process started from the built executable with `--port 0`: it
/// binds a free loopback port itself and announces it in a port file, so no test ever picks a port that another process
/// could take first. Stopped by its PID; never left running.
final class NodeProcess {
    let process = Process()
    let output: URL
    let portFile: String
    /// The port the node bound, known once ``waitUntilListening()`` returned.
    private(set) var port = 0
    /// Whether the node runs as the child of a tracer.
    private let isTraced: Bool

    /// The node's PID: the process started, or the tracer's child.
    var nodePID: Int32 {
        guard isTraced else { return process.processIdentifier }
        let pid = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) } ?? pid
    }

    /// The public URL given unless the arguments name one: with `--port 0` the forum's origin cannot come from the port.
    static let defaultPublicURL = "http://127.0.0.1"

    /// The `roundtable` executable built beside the test bundle.
    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("roundtable")
    }

    /// Starts `roundtable serve --port 0 --port-file FILE` (or another server command) with these arguments.
    /// - Parameters:
    ///   - arguments: More arguments of `serve`; `--public-url` defaults to ``defaultPublicURL``.
    ///   - output: Where the node's standard output and error go, appended.
    ///   - tracer: A command that runs the node as its child (`strace … -o FILE`), or none.
    ///   - subcommand: The server command: `serve`, or `witness serve`, which takes no `--public-url`.
    ///   - environment: Variables set for the node, over this process's.
    init(arguments: [String], output: URL, tracer: [String] = [], subcommand: [String] = ["serve"], environment: [String: String] = [:]) throws {
        self.output = output
        portFile = output.path + "." + UUID().uuidString + ".port"
        if !FileManager.default.fileExists(atPath: output.path) { _ = FileManager.default.createFile(atPath: output.path, contents: nil) }
        let publicURL = arguments.contains("--public-url") || subcommand != ["serve"] ? [] : ["--public-url", Self.defaultPublicURL]
        let command = [Self.executable.path] + subcommand + ["--port", "0", "--port-file", portFile] + publicURL + arguments
        process.executableURL = URL(fileURLWithPath: tracer.first ?? command[0])
        process.arguments = Array((tracer.isEmpty ? command : Array(tracer.dropFirst()) + command).dropFirst(tracer.isEmpty ? 1 : 0))
        isTraced = !tracer.isEmpty
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let handle = try FileHandle(forWritingTo: output)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Waits until the node has written its port file; fails if the process exits first.
    func waitUntilListening(attempts: Int = 600) async throws {
        for _ in 0..<attempts {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                self.port = port
                return
            }
            guard process.isRunning else { throw NodeProcessError("the node exited: \(log)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NodeProcessError("the node wrote no port file: \(log)")
    }

    /// Waits until `/healthz` answers 200 (the node has started), polling; fails if the process exits first.
    func waitUntilServing(attempts: Int = 600) async throws {
        try await waitUntilListening()
        for _ in 0..<attempts {
            guard process.isRunning else { throw NodeProcessError("the node exited: \(log)") }
            if (try? await get("/healthz").status) == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NodeProcessError("the node did not answer /healthz: \(log)")
    }

    /// Waits for the process to exit by itself and returns its exit status.
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends a signal and waits for the process to exit; returns its exit status.
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(nodePID, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    func get(_ path: String) async throws -> (status: HTTPResponseStatus, body: String) {
        let reply = try await NodeHTTP.get(url + path, timeout: 10)
        return (reply.status, reply.text)
    }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning {
            kill(nodePID, SIGKILL)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: portFile)
    }
}

struct NodeProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
