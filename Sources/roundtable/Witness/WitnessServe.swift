import ArgumentParser
import Foundation
import Logging
import RoundtableClient
import RoundtableWitness
import ServiceLifecycle
import TransparencyLog
import UnixSignals

/// `roundtable witness serve`: runs a witness.
struct WitnessServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a witness: POST /add-checkpoint and GET /<hex SHA-256(origin)>/checkpoint (c2sp.org/tlog-witness).",
        discussion: """
            Cosigns, with the key of --key (made by `roundtable keygen --witness`), the checkpoints of the logs \
            configured in --data with `witness add-log`; for a log added with --audit, only after fetching and \
            replaying the entries each checkpoint adds. One process runs per data directory. --port 0 takes a free \
            port, announced in the log and in --port-file. SIGTERM or SIGINT stops the witness gracefully.
            """
    )

    @Option(help: "The witness's private key file, made by `roundtable keygen --witness`.")
    var key: String

    @Option(help: "The witness's data directory, which `witness add-log` configured.")
    var data: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 takes a free port.")
    var port = 8090

    @Option(help: "Once listening, write the bound port to this file, atomically.")
    var portFile: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("the port \(port) must be a number from 0 to 65535") }
    }

    func run() async throws {
        try LogFormat.bootstrap()
        var logger = Logger(label: "roundtable-witness")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        if KeyFile.isExposed(key) {
            logger.warning("The witness key file can be read by others: chmod 600 it", metadata: ["rt.witness.key": "\(key)"])
        }
        let cosigner: CosignatureSigner
        do { cosigner = try CosignatureSigner(try KeyFile.read(key)) } catch let error as NoteError { throw CLIError("\(key): \(error.message)") }
        let directory = try WitnessDirectory(path: data)
        defer { withExtendedLifetime(directory) {} }
        let witness = try await Witness.open(
            cosigner: cosigner, store: try directory.openStore(), logFetcher: { HTTPLogFetcher(prefix: $0, timeout: 30, failingFast: true) })
        guard !witness.logs.isEmpty else {
            throw CLIError("the witness in \(data) cosigns for no log yet; add one with `roundtable witness add-log --data \(data) --vkey VKEY`")
        }
        let audited = witness.logs.values.filter { $0.auditURL != nil }.map(\.origin).sorted()
        logger.notice(
            "Witnessing",
            metadata: [
                "rt.witness.key": "\(cosigner.verifier)", "rt.witness.logs": "\(witness.logs.keys.sorted())", "rt.witness.audited": "\(audited)",
            ])
        let startup = ServeStartup(what: "witness", portFile: portFile, logger: logger)
        let app = buildWitnessApplication(
            configuration: WitnessConfiguration(host: host, port: port), witness: witness, logger: logger, onServerRunning: startup.serverRunning)
        try await startup.run(ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)))
    }
}
