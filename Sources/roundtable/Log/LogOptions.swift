import ArgumentParser
import RoundtableClient
import TransparencyLog

/// The options every `roundtable log` command shares: where the log is and the key that signs it.
struct LogOptions: ParsableArguments {
    @Option(help: "The log's URL prefix, for example https://forum.example.org/log.")
    var url: String

    @Option(help: "The log's verifier key (NAME+KEYID+BASE64), obtained out of band and pinned.")
    var vkey: String

    func validate() throws {
        _ = try verifier()
    }

    func verifier() throws -> NoteVerifier {
        do { return try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
    }

    func client() throws -> LogClient {
        LogClient(fetcher: HTTPLogFetcher(prefix: url), logKey: try verifier())
    }
}
