import Foundation
import Logging
import NIOCore
import RoundtableClient
import RoundtableNode
import ServiceLifecycle
import Synchronization

/// What a server command (`roundtable serve`, `roundtable witness serve`) does once its listening socket is bound, and
/// only then: announce the bound address (in the log and in `--port-file`), then start what writes (a node's forum:
/// the genesis of a new forum, the demonstration's acts). A server that cannot listen therefore writes nothing. If
/// starting fails, the server shuts down and the command exits non-zero with the reason.
final class ServeStartup: Sendable {
    /// What starts once the socket is bound and announced, given the port bound.
    typealias Start = @Sendable (_ port: Int) async throws -> Void

    private let what: String
    private let portFile: String?
    private let start: Start
    private let logger: Logger
    private let group = Mutex<ServiceGroup?>(nil)
    private let failure = Mutex<String?>(nil)

    /// Creates the startup.
    /// - Parameters:
    ///   - what: What is served, for messages: "node", "witness".
    ///   - portFile: Where to write the bound port, if anywhere.
    ///   - logger: The server's logger.
    ///   - start: What starts once the socket is bound.
    init(what: String, portFile: String?, logger: Logger, start: @escaping Start = { _ in }) {
        self.what = what
        self.portFile = portFile
        self.logger = logger
        self.start = start
    }

    /// Runs the service group until it stops.
    /// - Throws: ``CLIError`` when the server could not start.
    func run(_ group: ServiceGroup) async throws {
        self.group.withLock { $0 = group }
        try await group.run()
        if let failure = failure.withLock({ $0 }) { throw CLIError("the \(what) could not start: \(failure)") }
    }

    /// Called by the server once its socket is bound.
    func serverRunning(_ channel: any Channel) async {
        do {
            let host = channel.localAddress?.ipAddress ?? "?"
            let port = channel.localAddress?.port ?? 0
            logger.notice("Listening", metadata: [LogKeys.address: "\(host):\(port)"])
            if let portFile { try Self.write(port: port, to: portFile) }
            try await start(port)
        } catch {
            let reason = "\(error)"
            failure.withLock { $0 = reason }
            logger.error("Could not start the \(what)", metadata: [LogKeys.error: "\(reason)"])
            await group.withLock { $0 }?.triggerGracefulShutdown()
        }
    }

    /// Writes the port and a newline to a file atomically: a reader sees the whole number or no file.
    static func write(port: Int, to path: String) throws {
        let temporary = path + ".\(getpid()).tmp"
        try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            throw CLIError("cannot write the port file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
