import ArgumentParser
import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import RoundtableClient
import RoundtableDataDirectory
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStoragePostgres
import RoundtableStorageSQLite
import ServiceLifecycle
import TransparencyLog
import UnixSignals

/// `roundtable serve`: runs a node.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a Roundtable node.",
        discussion: """
            On an empty data directory the first start creates the forum: the node key, the SQLite database and the \
            genesis act naming the founding members (--founders FILE, or --demo). With --database postgres://… the \
            forum is kept in that PostgreSQL database instead, and the data directory holds the node key and the \
            operator's token. Later starts reopen the same forum, \
            after matching every stored entry against the log's tree and latest checkpoint. One process runs per data \
            directory. The node writes nothing before it listens; --port 0 takes a free port, announced in the log \
            and in --port-file. SIGTERM or SIGINT stops the node gracefully.
            """
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        // Before the limits are resolved: the default connection limit follows the open-file limit.
        try LogFormat.bootstrap()
        _ = ServeMetrics.exposition  // bootstraps the metrics system before anything records a metric
        let files = OpenFileLimit.raiseToHardLimit()
        let resolved = try options.resolve()
        let logger = Self.makeLogger()
        let limits = resolved.configuration.connections
        logger.info(
            "Connection limits",
            metadata: [
                "open_files": "\(files.soft)", "max_connections": "\(limits.maximumConnections)", "idle_timeout": "\(limits.idleTimeout)",
                "head_timeout": "\(limits.requestHeadTimeout)", "body_timeout": "\(limits.requestBodyTimeout)",
            ])
        if limits.maximumConnections > files.soft - ConnectionLimits.descriptorsForTheNode {
            logger.warning(
                "--max-connections is above what the open-file limit leaves for connections: near it, accepting will fail",
                metadata: ["open_files": "\(files.soft)", "max_connections": "\(limits.maximumConnections)"])
        }
        if !RoundtableMain.onEventLoops {
            logger.notice("Swift concurrency keeps its default executor: SwiftNIO's event loops were not installed as its executor")
        }
        let origin = try resolved.configuration.origin
        // First of all, before anything of the node is read or written: this process's lock on the data directory.
        let directory = try DataDirectory(path: resolved.dataDirectory)
        defer { withExtendedLifetime(directory) {} }
        let demo = resolved.demo ? DemoForum(directory: resolved.dataDirectory + "/demo-keys") : nil
        guard let database = resolved.database else {
            let isNew = directory.isNew
            let founding: ForumNode<SQLiteForumStore>.Founding? = try founding(resolved, demo: demo, isNew: isNew)
            let (signer, store) = try directory.open(keyName: origin)
            return try await serve(store: store, signer: signer, founding: founding, isNew: isNew, resolved, demo: demo, directory, lead: nil, logger)
        }
        let store: PostgresForumStore
        do { store = try await PostgresForumStore.open(database) } catch { throw CLIError("\(error)") }
        defer { store.close() }
        let holdsForum = try await store.loadState() != nil
        let isNew = !holdsForum && !FileManager.default.fileExists(atPath: directory.keyPath)
        let founding: ForumNode<PostgresForumStore>.Founding? = try founding(resolved, demo: demo, isNew: isNew)
        let signer = try directory.openKey(keyName: origin, database: database.description, databaseHoldsForum: holdsForum)
        logger.info("Database", metadata: ["database": "\(database)"])
        // Several front-ends may share the database: one leads, the others follow (FrontEnd).
        let lead = FrontEnd<PostgresForumStore>.Lead(
            take: { url in try await store.tryToLead(url: url) }, holds: { await store.stillLeads() },
            leaderURL: { try await store.leader().url })
        try await serve(store: store, signer: signer, founding: founding, isNew: isNew, resolved, demo: demo, directory, lead: lead, logger)
    }

    /// Prepares the forum on its store and serves it until a signal stops the node.
    private func serve<Store: ForumStore>(
        store: Store, signer: NoteSigner, founding: ForumNode<Store>.Founding?, isNew: Bool, _ resolved: ServeOptions.Resolved,
        demo: DemoForum?, _ directory: DataDirectory, lead: FrontEnd<Store>.Lead?, _ logger: Logger
    ) async throws {
        let origin = try resolved.configuration.origin
        let forum: ForumNode<Store>
        do {
            forum = try await ForumNode.prepare(store: store, nodeSigner: signer, origin: origin, founding: founding, logger: logger)
        } catch let error as ForumNodeError {
            throw CLIError(error.description)
        } catch let error as ActError {
            throw CLIError("the forum cannot be created: \(error.message)")
        }
        var configuration = resolved.configuration
        configuration.adminTokenDigest = Array(SHA256.hash(data: Array(try directory.adminToken().utf8)))
        configuration.metricsExposition = ServeMetrics.exposition
        let witnesses = demo.map { _ in DemoWitnesses(directory: resolved.dataDirectory + "/demo-witnesses") }
        let opened = try await witnesses?.open(logKey: forum.log.signer.verifier) ?? []
        let ports = BoundPorts()
        let setUp: @Sendable (ForumNode<Store>) async throws -> Void = { [configuration] forum in
            guard let demo else { return }
            if isNew { try await demo.seed(forum) }
            try await witnesses?.register(opened, ports: ports, demo: demo, forum: forum)
            let text = try demo.instructions(forum: forum, configuration: configuration, dataDirectory: resolved.dataDirectory)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let frontEnd = lead.map { FrontEnd(forum: forum, lead: $0, logger: logger, setUp: setUp) }
        if let frontEnd { configuration.leaderForWrites = { await frontEnd.leaderForWrites() } }
        let startup = ServeStartup(what: "node", portFile: resolved.portFile, logger: logger) { [configuration] port in
            if let frontEnd {
                frontEnd.serverListening(at: resolved.frontEndURL ?? "http://\(configuration.host):\(port)")
                return
            }
            try await forum.start(setUp: setUp)
            logger.info("Accepting acts")
        }
        let app = try buildApplication(configuration: configuration, forum: forum, logger: logger, onServerRunning: startup.serverRunning)
        let services = [app] + (frontEnd.map { [$0 as any Service] } ?? []) + (witnesses?.services(opened, ports: ports, logger: logger) ?? [])
        try await startup.run(ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)))
    }

    private func founding<Store: ForumStore>(_ resolved: ServeOptions.Resolved, demo: DemoForum?, isNew: Bool) throws -> ForumNode<Store>.Founding? {
        if let demo {
            return isNew ? .init(forumName: resolved.forumName, founders: try demo.makeFounders(), rules: DemoGovernance<Store>.rules) : nil
        }
        guard let path = resolved.foundersFile else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the founders file \(path)") }
        do {
            let file = try FoundersFile.parse(String(decoding: data, as: UTF8.self))
            return .init(forumName: resolved.forumName, founders: file.founders, rules: file.rules)
        } catch {
            throw CLIError("\(path): \(error.message)")
        }
    }

    private static func makeLogger() -> Logger {
        var logger = Logger(label: "roundtable")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}
