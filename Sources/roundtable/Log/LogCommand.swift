import ArgumentParser

/// `roundtable log`: a verifying client of the forum's transparency log, using only its public HTTP resources.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Verify the forum's transparency log without trusting its operator.",
        subcommands: [LogVerify.self, LogProve.self, LogCheckReceipt.self, LogAudit.self]
    )
}
