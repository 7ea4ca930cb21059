import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@Suite("Act grammar")
struct ActParsingTests {
    let forum = try! TestForum()

    @Test("a genesis act's text parses back to the same act")
    func genesisRoundTrip() throws {
        let genesis = try forum.genesis
        #expect(try Act(parsing: genesis.text) == genesis)
        #expect(genesis.text.hasPrefix("forum.test\nact genesis\nby node\nseq 1\nforum Test forum\nnode-key \(forum.node.verifier)\n"))
    }

    @Test("a credential act with every kind of change round-trips")
    func credentialRoundTrip() throws {
        let newKey = try NoteSigner.generate(name: "ee.test/new")
        let act = Act(
            origin: "forum.test",
            actor: .member(try MemberID("ee")),
            sequence: 42,
            body: .credential([
                .addKey(newKey.verifier), .revokeKey(forum.keys["ee"]!.verifier),
                .addToken(try TestForum.token("taxii", 1)), .revokeToken(label: "old.token"),
            ])
        )
        #expect(try Act(parsing: act.text) == act)
        #expect(act.text.contains("\nadd-token taxii 0000000000000001"))
    }

    static let header = "forum.test\nact credential\nby ee\nseq 1\n"
    static let digest = String(repeating: "ab", count: 32)

    static let malformed: [(String, String)] = [
        ("no final newline", "forum.test\nact credential\nby ee\nseq 1\nrevoke-token a"),
        ("empty origin", "\nact credential\nby ee\nseq 1\nrevoke-token a\n"),
        ("origin with a space", "forum test\nact credential\nby ee\nseq 1\nrevoke-token a\n"),
        ("missing act line", "forum.test\nby ee\nseq 1\nrevoke-token a\n"),
        ("unknown act type", "forum.test\nact coronation\nby ee\nseq 1\nrevoke-token a\n"),
        ("by before act", "forum.test\nby ee\nact credential\nseq 1\nrevoke-token a\n"),
        ("upper-case member id", "forum.test\nact credential\nby EE\nseq 1\nrevoke-token a\n"),
        ("member id starting with a hyphen", "forum.test\nact credential\nby -ee\nseq 1\nrevoke-token a\n"),
        ("seq 0", "forum.test\nact credential\nby ee\nseq 0\nrevoke-token a\n"),
        ("seq with leading zero", "forum.test\nact credential\nby ee\nseq 01\nrevoke-token a\n"),
        ("seq not a number", "forum.test\nact credential\nby ee\nseq one\nrevoke-token a\n"),
        ("seq beyond 2^63-1", "forum.test\nact credential\nby ee\nseq 9223372036854775808\nrevoke-token a\n"),
        ("negative seq", "forum.test\nact credential\nby ee\nseq -1\nrevoke-token a\n"),
        ("no change lines", header),
        ("blank line", header + "\nrevoke-token a\n"),
        ("unknown change", header + "promote-self ee\n"),
        ("add-token with upper-case digest", header + "add-token t \(digest.uppercased())\n"),
        ("add-token with short digest", header + "add-token t abcd\n"),
        ("add-token with bad label", header + "add-token T! \(digest)\n"),
        ("add-key with malformed key", header + "add-key not-a-key\n"),
        ("change with trailing space", header + "revoke-token a \n"),
        (
            "genesis without founders",
            "forum.test\nact genesis\nby node\nseq 1\nforum F\nnode-key example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k\n"
        ),
        ("empty field value", "forum.test\nact credential\nby \nseq 1\nrevoke-token a\n"),
    ]

    @Test("malformed act texts are refused with malformed_act", arguments: malformed)
    func malformedActs(_ name: String, text: String) {
        #expect(throws: ActError(.malformedAct, "")) { try Act(parsing: text) }
    }

    @Test("the node id 'node' is not a member id")
    func reservedNodeID() {
        #expect(throws: ActError(.malformedAct, "")) { try MemberID("node") }
    }

    @Test("a genesis naming the same founder or key twice is refused")
    func duplicateFounders() throws {
        let founders = try forum.founders
        #expect(throws: ActError(.malformedAct, "")) {
            try Genesis(forumName: "F", nodeKey: forum.node.verifier, founders: founders + [founders[0]])
        }
        let sameKey = Genesis.Founder(id: try MemberID("zz"), key: founders[0].key, displayName: "Z")
        #expect(throws: ActError(.malformedAct, "")) {
            try Genesis(forumName: "F", nodeKey: forum.node.verifier, founders: founders + [sameKey])
        }
    }
}
