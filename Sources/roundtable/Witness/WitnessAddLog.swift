import ArgumentParser
import RoundtableClient
import RoundtableWitness
import TransparencyLog

/// `roundtable witness add-log`: adds a log the witness cosigns for, or another key for one it has.
struct WitnessAddLog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-log",
        abstract: "Add a log the witness cosigns for, or another key of a log it has.",
        discussion: """
            The log's checkpoints must carry a valid signature of one of its keys. The origin is the first line of \
            the log's checkpoints; it defaults to the key's name, as a Roundtable forum names its log key. Run it \
            while the witness is stopped (it takes the data directory's lock); the witness reads its logs when it \
            starts.
            """
    )

    @Option(help: "The witness's data directory.")
    var data: String

    @Option(help: "The log's Ed25519 verifier key, NAME+KEYID+BASE64, as its /log/vkey serves it.")
    var vkey: String

    @Option(help: "The log's origin (default: the key's name).")
    var origin: String?

    func validate() throws {
        do { _ = try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
        if let origin, origin.isEmpty || origin.contains("\n") { throw ValidationError("--origin must be one non-empty line") }
    }

    func run() async throws {
        let key = try NoteVerifier(parsing: vkey)
        let origin = origin ?? key.name
        let directory = try WitnessDirectory(path: data)
        defer { withExtendedLifetime(directory) {} }
        let added = try await directory.openStore().addLog(origin: origin, key: key)
        print(added ? "The witness now cosigns \(origin) checkpoints signed by \(key.name)+\(key.keyID)." : "\(origin) already has that key.")
    }
}
