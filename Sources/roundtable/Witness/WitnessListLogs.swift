import ArgumentParser
import RoundtableWitness
import TransparencyLog

/// `roundtable witness list-logs`: prints the logs the witness cosigns for and the latest size it cosigned for each.
struct WitnessListLogs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-logs",
        abstract: "List the logs the witness cosigns for, their keys and the latest size cosigned.",
        discussion: """
            One line a key: ORIGIN SIZE VKEY; SIZE is '-' before the first cosignature. An audited log's lines end with \
            'audit URL replayed N', N the entries replayed. Run it while the witness is stopped.
            """
    )

    @Option(help: "The witness's data directory.")
    var data: String

    func run() async throws {
        let directory = try WitnessDirectory(path: data)
        defer { withExtendedLifetime(directory) {} }
        let store = try directory.openStore()
        for log in try await store.logs() {
            let size = try await store.latest(origin: log.origin).map { String($0.checkpoint.size) } ?? "-"
            var audit = ""
            if let url = log.auditURL { audit = " audit \(url) replayed \(try await store.replayedSize(origin: log.origin))" }
            for key in log.keys { print("\(log.origin) \(size) \(key)\(audit)") }
        }
    }
}
