import ArgumentParser
import Foundation
import RoundtableClient
import TransparencyLog

/// The options every `roundtable log` command shares: where the log is and the key that signs it.
struct LogOptions: ParsableArguments {
    @Option(help: "The node's URL or its log's, for example https://forum.example.org (its log is …/log), as roundtable audit takes.")
    var url: String

    @Option(help: "The log's verifier key (NAME+KEYID+BASE64), obtained out of band and pinned.")
    var vkey: String

    @Option(help: "A C2SP tlog-policy file: checkpoints without the witnesses' quorum it names are refused.")
    var policy: String?

    func validate() throws {
        do { _ = try LogURL.prefix(url) } catch { throw ValidationError("--url: \(error)") }
        _ = try verifier()
    }

    /// The log's URL prefix: `--url` itself when it names the log (`…/log`), else the node's `/log`.
    var prefix: String { (try? LogURL.prefix(url)) ?? url }

    /// The policy file's policy, if one was given.
    func witnessPolicy() throws -> WitnessPolicy? {
        try policy.map(Self.readPolicy)
    }

    /// Reads a tlog-policy file.
    static func readPolicy(_ path: String) throws -> WitnessPolicy {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--policy: cannot read \(path)") }
        do { return try WitnessPolicy(parsing: String(decoding: data, as: UTF8.self)) } catch {
            throw ValidationError("--policy \(path): \(error.message)")
        }
    }

    func verifier() throws -> NoteVerifier {
        do { return try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
    }

    func client() throws -> LogClient {
        LogClient(fetcher: HTTPLogFetcher(prefix: prefix), logKey: try verifier(), policy: try witnessPolicy())
    }
}
