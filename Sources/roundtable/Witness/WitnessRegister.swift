import ArgumentParser
import RoundtableDomain
import TransparencyLog

/// `roundtable witness register`: a member registers its witness with the forum by a signed credential act.
struct WitnessRegister: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register your witness with a forum, signed with your member key.",
        discussion: """
            Signs an 'add-witness' credential act: from then on the node sends every checkpoint to the witness at \
            --url (its tlog-witness prefix, answering at --url/add-checkpoint), and the witness's cosignatures count \
            towards the forum's witness-quorum rule. A member has one witness; --replace retires the one registered \
            in the same act. The witness must already trust the forum's log (roundtable witness add-log).
            """
    )

    @OptionGroup var member: MemberActOptions
    @Option(help: "The witness's cosignature key, as 'roundtable keygen --witness' printed it (NAME+KEYID+BASE64).")
    var vkey: String
    @Option(help: "The witness's URL prefix, for example https://witness.ee.example.")
    var url: String
    @Option(help: "The cosignature key of the witness this one replaces.")
    var replace: String?

    func run() async throws {
        var changes: [CredentialChange] = []
        if let replace { changes.append(.retireWitness(try Self.key(replace, option: "--replace"))) }
        do { try MemberWitness.validate(url: url) } catch { throw ValidationError("--url: \(error.message)") }
        changes.append(.addWitness(try Self.key(vkey, option: "--vkey"), url: url))
        try await member.submit(.credential(changes))
    }

    static func key(_ text: String, option: String) throws -> CosignatureVerifier {
        do { return try CosignatureVerifier(parsing: text) } catch {
            throw ValidationError("\(option): '\(text)' is not a witness key (from roundtable keygen --witness): \(error.message)")
        }
    }
}

/// `roundtable witness retire`: a member retires its witness by a signed credential act.
struct WitnessRetire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire", abstract: "Retire your witness: its cosignatures no longer count, and the node stops asking it.")

    @OptionGroup var member: MemberActOptions
    @Option(help: "The witness's cosignature key.")
    var vkey: String

    func run() async throws {
        try await member.submit(.credential([.retireWitness(try WitnessRegister.key(vkey, option: "--vkey"))]))
    }
}
