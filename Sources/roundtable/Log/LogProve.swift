import ArgumentParser
import Foundation
import TransparencyLog

/// `roundtable log prove`: builds an entry's inclusion proof from the tiles and writes it as a tlog-proof receipt.
struct LogProve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove that an entry is in the log and write a tlog-proof receipt.",
        discussion: "Every tile used is authenticated against the signed checkpoint, and the proof is checked before it is written."
    )

    @OptionGroup var log: LogOptions

    @Option(help: "The entry's log index.")
    var index: UInt64

    @Option(help: "Where to write the receipt (.tlog-proof); printed when omitted.")
    var out: String?

    @Option(help: "Where to write the entry's bytes, to check the receipt later with check-receipt.")
    var entryOut: String?

    func run() async throws {
        let (receipt, entry) = try await log.client().receipt(index: index)
        if let entryOut { try Data(entry).write(to: URL(fileURLWithPath: entryOut)) }
        if let out {
            try Data(receipt.bytes).write(to: URL(fileURLWithPath: out))
            print("OK entry \(index) is in the log; receipt written to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(receipt.bytes))
        }
    }
}
