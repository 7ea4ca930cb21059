import ArgumentParser
import Foundation
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import TransparencyLog

/// `roundtable propose`: stores a proposal's text on the node and submits the signed `propose` act naming it.
struct Propose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose a norm, policy, admission, suspension, rules amendment or procedural question.",
        discussion: """
            The full text (--text FILE) is posted to /api/v1/documents with your API token; the act carries its \
            SHA-256. Admissions name the new member with --admit ID --admit-key VKEY --admit-name NAME; suspensions \
            name the member with --suspend ID; rules amendments set rules with --rule, for example --rule 'silence 48h'.
            """
    )

    @OptionGroup var member: MemberActOptions

    @Option(help: "The API token file whose SHA-256 you registered (posts the text).")
    var tokenFile: String

    @Option(help: "norm, policy, admission, suspension, rules or procedural.")
    var kind: String

    @Option(help: "A one-line title.")
    var title: String

    @Option(help: "The file holding the full text (UTF-8; Markdown if it ends in .md).")
    var text: String

    @Option(help: "The language of the title and text, a BCP 47 tag such as fr or zh-Hans, when it is not the forum's (rule language).")
    var language: String?

    @Option(help: "Admission: the new member's id.") var admit: String?
    @Option(help: "Admission: the new member's verifier key.") var admitKey: String?
    @Option(help: "Admission: the new member's name.") var admitName: String?
    @Option(help: "Suspension: the member to suspend.") var suspend: String?
    @Option(help: "Rules amendment: 'NAME VALUE', repeatable (quorum 1/2, circulation 24h, silence 72h, voting-window 7d, important KINDS).")
    var rule: [String] = []

    func run() async throws {
        guard let kind = ProposalKind(rawValue: kind) else {
            throw ValidationError("--kind: use one of \(ProposalKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let language {
            do { _ = try LanguageTag.validate(language) } catch { throw ValidationError("--language: \(error.message)") }
        }
        guard let document = FileManager.default.contents(atPath: text) else { throw CLIError("cannot read \(text)") }
        guard let token = FileManager.default.contents(atPath: tokenFile) else { throw CLIError("cannot read \(tokenFile)") }
        let tokenText = String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let mediaType = text.hasSuffix(".md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8"
        let stored = try await NodeHTTP.postDocument(Array(document), mediaType: mediaType, token: tokenText, node: member.node)
        guard let digest = Hex.decode(stored.sha256) else { throw CLIError("the node answered a malformed hash \(stored.sha256)") }
        let draft = try ProposalDraft(kind: kind, title: title, document: digest, subject: try subject(), language: language)
        try await member.submit(.propose(draft))
    }

    private func subject() throws -> ProposalDraft.Subject {
        if let admit {
            guard let admitKey, let admitName else { throw ValidationError("an admission needs --admit, --admit-key and --admit-name") }
            return .admission(Genesis.Founder(id: try MemberID(admit), key: try NoteVerifier(parsing: admitKey), displayName: admitName))
        }
        if let suspend { return .suspension(try MemberID(suspend)) }
        if !rule.isEmpty { return .rules(try rule.map { try RuleSetting(parsing: $0) }) }
        return .none
    }
}
