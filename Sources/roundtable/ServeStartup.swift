import Foundation
import Logging
import NIOCore
import RoundtableClient
import RoundtableNode
import RoundtableServer
import RoundtableStorageSQLite
import ServiceLifecycle
import Synchronization

/// What `roundtable serve` does once its listening socket is bound, and only then: announce the bound address
/// (`--port-file`), start the forum's writes (the genesis of a new forum, the demonstration's acts), and print what to
/// try. A node that cannot listen therefore writes nothing. If starting fails, the node shuts down and `serve` exits
/// non-zero with the reason.
final class ServeStartup: Sendable {
    /// What runs after the forum started: the demonstration forum's acts and instructions.
    typealias SetUp = @Sendable (ForumNode<SQLiteForumStore>) async throws -> Void

    private let forum: ForumNode<SQLiteForumStore>
    private let portFile: String?
    private let setUp: SetUp
    private let logger: Logger
    private let group = Mutex<ServiceGroup?>(nil)
    private let failure = Mutex<String?>(nil)

    init(forum: ForumNode<SQLiteForumStore>, portFile: String?, logger: Logger, setUp: @escaping SetUp) {
        self.forum = forum
        self.portFile = portFile
        self.logger = logger
        self.setUp = setUp
    }

    /// Runs the service group until it stops.
    /// - Throws: ``CLIError`` when the node could not start.
    func run(_ group: ServiceGroup) async throws {
        self.group.withLock { $0 = group }
        try await group.run()
        if let failure = failure.withLock({ $0 }) { throw CLIError("the node could not start: \(failure)") }
    }

    /// Called by the server once its socket is bound.
    func serverRunning(_ channel: any Channel) async {
        do {
            let host = channel.localAddress?.ipAddress ?? "?"
            let port = channel.localAddress?.port ?? 0
            logger.notice("Listening", metadata: [LogKeys.address: "\(host):\(port)"])
            if let portFile { try Self.write(port: port, to: portFile) }
            try await forum.start(setUp: setUp)
            logger.info("Accepting acts")
        } catch {
            let reason = (error as? ForumNodeError)?.description ?? "\(error)"
            failure.withLock { $0 = reason }
            logger.error("Could not start the node", metadata: [LogKeys.error: "\(reason)"])
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
