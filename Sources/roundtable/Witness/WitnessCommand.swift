import ArgumentParser

/// `roundtable witness`: runs a C2SP tlog-witness and configures the logs it cosigns for.
struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Run a witness that cosigns the checkpoints of forums' logs (c2sp.org/tlog-witness).",
        discussion: """
            A witness keeps, per log, the latest checkpoint it cosigned, in its data directory, and cosigns a new one \
            only if it is consistent with that one; for a forum's log added with --audit, only if every entry it adds \
            follows the forum's rules. Make its key with `roundtable keygen --witness`, name the logs it cosigns for \
            with `witness add-log`, then run `witness serve`. See docs/witnesses.md.
            """,
        subcommands: [
            WitnessServe.self, WitnessAddLog.self, WitnessListLogs.self, WitnessRefusals.self, WitnessRegister.self, WitnessRetire.self,
        ]
    )
}
