import ArgumentParser

/// `roundtable store`: operations on a forum's store.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Operate on a forum's store: copy it between SQLite and PostgreSQL.",
        subcommands: [StoreCopyCommand.self]
    )
}
