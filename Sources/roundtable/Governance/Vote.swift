import ArgumentParser
import RoundtableDomain

/// `roundtable vote`: casts (or changes) a recorded vote.
struct Vote: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vote yes, no or abstain in a recorded ballot; a later vote replaces yours until the ballot closes.")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The proposal's id.") var proposal: UInt64
    @Option(help: "yes, no or abstain.") var choice: String

    func run() async throws {
        guard let choice = VoteChoice(rawValue: choice) else { throw ValidationError("--choice: use yes, no or abstain") }
        try await member.submit(.vote(proposal: proposal, choice: choice))
    }
}
