import ArgumentParser
import Foundation
import RoundtableClient
import TransparencyLog

/// `roundtable log check-receipt`: verifies a tlog-proof receipt offline.
struct LogCheckReceipt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-receipt",
        abstract: "Verify a tlog-proof receipt for an entry, offline."
    )

    @Option(help: "The log's verifier key (NAME+KEYID+BASE64).")
    var vkey: String

    @Option(name: .customLong("in"), help: "The receipt file.")
    var input: String

    @Option(help: "The entry's bytes, for example an act as GET /api/v1/acts/{index} returns it.")
    var entry: String

    @Option(help: "A C2SP tlog-policy file: a receipt whose checkpoint lacks the witnesses' quorum it names is refused.")
    var policy: String?

    func run() throws {
        let key: NoteVerifier
        do { key = try NoteVerifier(parsing: vkey) } catch { throw ValidationError("--vkey: \(error.message)") }
        guard let receiptData = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
        guard let entryData = FileManager.default.contents(atPath: entry) else { throw CLIError("cannot read \(entry)") }
        let receipt = try InclusionReceipt(parsing: Array(receiptData))
        do {
            let checkpoint = try receipt.verify(entry: Array(entryData), logKey: key)
            if let policy = try policy.map(LogOptions.readPolicy) {
                try LogClient.requireWitnessed(try SignedNote(parsing: receipt.checkpoint), policy: policy)
            }
            print("OK entry \(receipt.index) is included in \(checkpoint.origin) at tree size \(checkpoint.size)")
        } catch {
            throw CLIError("the receipt does not verify: \(error)")
        }
    }
}
