import ArgumentParser

/// `roundtable act`: acts signed locally with a member's key.
struct ActCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act",
        abstract: "Sign and submit acts.",
        subcommands: [ActSubmit.self]
    )
}
