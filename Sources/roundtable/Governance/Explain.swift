import ArgumentParser
import RoundtableDomain

/// `roundtable explain`: an explanation of vote, for the record.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain your vote on a proposal once its ballot opened (not allowed to its sponsor).")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The proposal's id.") var proposal: UInt64
    @Option(help: "The explanation (one line, up to 2000 characters).") var text: String
    @Option(help: "Its language, a BCP 47 tag such as fr or zh-Hans, when it is not the forum's (rule language).") var language: String?

    func run() async throws {
        if let language {
            do { _ = try LanguageTag.validate(language) } catch { throw ValidationError("--language: \(error.message)") }
        }
        try await member.submit(.explain(proposal: proposal, text: text, language: language))
    }
}
