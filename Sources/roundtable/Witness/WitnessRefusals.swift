import ArgumentParser
import RoundtableDomain
import RoundtableWitness
import TransparencyLog

/// `roundtable witness refusals`: prints the checkpoints the auditing witness refused because an entry did not follow,
/// with their evidence.
struct WitnessRefusals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refusals",
        abstract: "List the checkpoints the witness refused because an entry did not follow the forum's rules.",
        discussion: """
            One line a refusal: TIME ORIGIN size SIZE entry INDEX: REASON. With --evidence, each line is followed by \
            the log's signed checkpoint and the entry, verbatim, each ending with an empty line: together they show \
            that the log signed a tree holding that entry. Run it while the witness is stopped.
            """
    )

    @Option(help: "The witness's data directory.")
    var data: String

    @Flag(help: "Print the signed checkpoint and the entry after each refusal.")
    var evidence = false

    func run() async throws {
        let directory = try WitnessDirectory(path: data)
        defer { withExtendedLifetime(directory) {} }
        for refusal in try await directory.openStore().refusals() {
            let time = Timestamp(seconds: Int64(clamping: refusal.time))
            print("\(time) \(refusal.checkpoint.origin) size \(refusal.checkpoint.size) entry \(refusal.index): \(refusal.reason)")
            if evidence { print(String(decoding: refusal.note + [0x0A] + refusal.entry, as: UTF8.self)) }
        }
    }
}
