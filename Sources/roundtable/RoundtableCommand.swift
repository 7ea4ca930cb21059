import ArgumentParser

/// The `roundtable` command: runs a node or a witness, makes keys and submits signed acts.
struct RoundtableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roundtable",
        abstract: "A multilateral, democratic and transparent forum: node, witness, keys and signed acts.",
        version: "roundtable \(RoundtableCommand.version)",
        subcommands: [
            Serve.self, Keygen.self, ActCommand.self, Propose.self, Object.self, Vote.self, Explain.self, Withdraw.self, Audit.self,
            CollectionCommand.self, ExchangeCommand.self, LogCommand.self, WitnessCommand.self, MirrorCommand.self, ContactCommand.self,
            CheckCommand.self, AckCommand.self, InboxCommand.self, RequestCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: Serve.self
    )

    /// This release of Roundtable, as `roundtable --version` prints it.
    static let version = "0.1.0"
}
