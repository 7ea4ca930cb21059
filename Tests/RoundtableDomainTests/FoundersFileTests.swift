import RoundtableDomain
import Testing
import TransparencyLog

@Suite("Founders file")
struct FoundersFileTests {
    static let key = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"

    @Test("comments and blank lines are skipped; display names keep their spaces")
    func parses() throws {
        let (founders, rules) = try FoundersFile.parse("# founders\n\nee \(Self.key) Republic of Estonia\nrule silence 2h\n")
        #expect(rules.silence == 7_200)
        #expect(rules.votingWindow == Rules.defaults.votingWindow)
        #expect(founders.count == 1)
        #expect(founders[0].id.rawValue == "ee")
        #expect(founders[0].displayName == "Republic of Estonia")
        #expect(founders[0].key.description == Self.key)
    }

    @Test("a wrong line is reported with its number")
    func reportsLine() {
        do {
            _ = try FoundersFile.parse("ee \(Self.key) Estonia\nfr not-a-key France\n")
            Issue.record("a bad key was accepted")
        } catch {
            #expect(error.code == .malformedAct)
            #expect(error.message.contains("line 2"))
        }
    }

    @Test("a file without members or with missing fields is refused", arguments: ["", "# only a comment\n", "ee \(Self.key)\n"])
    func refused(_ text: String) {
        #expect(throws: ActError(.malformedAct, "")) { try FoundersFile.parse(text) }
    }
}
