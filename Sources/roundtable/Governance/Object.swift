import ArgumentParser
import RoundtableDomain

/// `roundtable object`: breaks the silence of a consensus call and asks for a recorded vote.
struct Object: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask for a recorded vote on a proposal during its consensus call (breaks the silence).")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The proposal's id.") var proposal: UInt64
    @Option(help: "Why, for the record (one line).") var reason: String?

    func run() async throws {
        try await member.submit(.object(proposal: proposal, reason: reason))
    }
}
