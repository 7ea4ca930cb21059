import ArgumentParser
import RoundtableDomain

/// `roundtable withdraw`: the proposer withdraws its proposal before voting starts.
struct Withdraw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Withdraw your proposal before voting on it starts.")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The proposal's id.") var proposal: UInt64

    func run() async throws {
        try await member.submit(.withdraw(proposal: proposal))
    }
}
