import ArgumentParser
import RoundtableDomain

/// `roundtable explain`: an explanation of vote, for the record.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain your vote on a proposal once its ballot opened (not allowed to its sponsor).")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The proposal's id.") var proposal: UInt64
    @Option(help: "The explanation (one line, up to 2000 characters).") var text: String

    func run() async throws {
        try await member.submit(.explain(proposal: proposal, text: text))
    }
}
