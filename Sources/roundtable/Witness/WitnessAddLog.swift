import ArgumentParser
import RoundtableClient
import RoundtableWitness
import TransparencyLog

/// `roundtable witness add-log`: adds a log the witness cosigns for, or another key for one it has; with `--audit`,
/// makes the witness audit the forum's log it fetches from `--url`.
struct WitnessAddLog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-log",
        abstract: "Add a log the witness cosigns for, or another key of a log it has; --audit --url to audit a forum's log.",
        discussion: """
            The log's checkpoints must carry a valid signature of one of its keys. The origin is the first line of \
            the log's checkpoints; it defaults to the key's name, as a Roundtable forum names its log key. With \
            --audit, the witness cosigns a checkpoint of a Roundtable forum only after fetching the entries it adds \
            from --url and replaying them under the forum's rules (see docs/witnesses.md, "Auditing witnesses"); run \
            add-log again with --audit to audit a log already added, or to change its URL. Run it while the witness \
            is stopped (it takes the data directory's lock); the witness reads its logs when it starts.
            """
    )

    @Option(help: "The witness's data directory.")
    var data: String

    @Option(help: "The log's Ed25519 verifier key, NAME+KEYID+BASE64, as its /log/vkey serves it.")
    var vkey: String

    @Option(help: "The log's origin (default: the key's name).")
    var origin: String?

    @Flag(help: "Audit the forum's log: replay the entries each checkpoint adds before cosigning it (needs --url).")
    var audit = false

    @Option(help: "With --audit: the forum's URL (https://forum.example.org) or its log's (…/log), to fetch its entries from.")
    var url: String?

    func validate() throws {
        do { _ = try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
        if let origin, origin.isEmpty || origin.contains("\n") { throw ValidationError("--origin must be one non-empty line") }
        guard audit == (url != nil) else {
            throw ValidationError("--audit and --url go together: --audit --url https://forum.example.org audits that forum's log")
        }
        if let url { do { _ = try LogURL.prefix(url) } catch { throw ValidationError("--url: \(error)") } }
    }

    func run() async throws {
        let key = try NoteVerifier(parsing: vkey)
        let origin = origin ?? key.name
        let auditURL = try url.map(LogURL.prefix)
        let directory = try WitnessDirectory(path: data)
        defer { withExtendedLifetime(directory) {} }
        let added = try await directory.openStore().addLog(origin: origin, key: key, auditURL: auditURL)
        print(added ? "The witness now cosigns \(origin) checkpoints signed by \(key.name)+\(key.keyID)." : "\(origin) already has that key.")
        if let auditURL { print("It audits \(origin), fetching its entries from \(auditURL).") }
    }
}
