import Foundation
import RoundtableDomain
import Testing
import TransparencyLog

@Suite("Governance acts: text and parsing")
struct GovernanceActParsingTests {
    static let key = try! NoteSigner.generate(name: "cl.example/roundtable").verifier
    static let hash = [UInt8](repeating: 0xab, count: 32)
    static let at = Timestamp(seconds: 1_795_946_400)

    static let bodies: [Act.Body] = [
        .propose(try! ProposalDraft(kind: .norm, title: "Protect critical infrastructure", document: hash)),
        .propose(
            try! ProposalDraft(
                kind: .admission, title: "Admission of Chile", document: hash,
                subject: .admission(Genesis.Founder(id: try! MemberID("cl"), key: key, displayName: "Republic of Chile")))),
        .propose(try! ProposalDraft(kind: .suspension, title: "Suspension", document: hash, subject: .suspension(try! MemberID("za")))),
        .propose(
            try! ProposalDraft(
                kind: .rules,
                title: "Shorter ballots",
                document: hash,
                subject: .rules([.votingWindow(259_200), .quorum(try! Fraction(2, 3))])
            )
        ),
        .object(proposal: 12, reason: "we ask for a recorded vote"),
        .object(proposal: 12, reason: nil),
        .vote(proposal: 12, choice: .abstain),
        .explain(proposal: 12, text: "We abstain: the text came late."),
        .explain(proposal: 12, text: "Nous nous abstenons.", language: "fr"),
        .propose(try! ProposalDraft(kind: .policy, title: "Publier les positions", document: hash, language: "fr")),
        .propose(
            try! ProposalDraft(
                kind: .rules, title: "Langue", document: hash, subject: .rules([.language("zh-Hans")]), language: "zh-Hans")),
        .withdraw(proposal: 12),
        .circulate(proposal: 12, at: at),
        .consensusCall(proposal: 12, at: at, until: at.adding(259_200)),
        .ballot(
            BallotOpening(
                proposal: 12,
                opens: at,
                closes: at.adding(604_800),
                threshold: .twoThirds,
                quorum: try! Fraction(1, 2),
                electorate: 193,
                rulesVersion: 2
            )
        ),
        .close(proposal: 12, at: at),
        .decision(DecisionRecord(proposal: 12, at: at, outcome: .adoptedWithoutVote, count: nil, counted: nil)),
        .decision(
            DecisionRecord(
                proposal: 12, at: at, outcome: .noDecision,
                count: .init(threshold: .simpleMajority, quorum: try! Fraction(1, 2), tally: Tally(electorate: 193, yes: 40, no: 30, abstain: 20)),
                counted: 20...400)),
    ]

    @Test("every governance act reads back as written", arguments: bodies)
    func roundTrip(_ body: Act.Body) throws {
        let act = Act(origin: "forum.test", actor: body.isNodeAct ? .node : .member(try MemberID("ee")), sequence: 3, body: body)
        #expect(try Act(parsing: act.text) == act)
    }

    @Test("a declared language is a line of its own, after the text or the explanation; a malformed tag is refused")
    func languageLines() throws {
        let draft = try ProposalDraft(kind: .norm, title: "Norme", document: Self.hash, language: "fr")
        let act = Act(origin: "forum.test", actor: .member(try MemberID("ee")), sequence: 3, body: .propose(draft))
        #expect(act.text.contains("text \(Hex.encode(Self.hash))\nlanguage fr\n"))
        let explain = Act(
            origin: "forum.test", actor: .member(try MemberID("ee")), sequence: 4, body: .explain(proposal: 1, text: "Oui.", language: "fr"))
        #expect(explain.text.hasSuffix("explanation Oui.\nlanguage fr\n"))
        for bad in ["f", "french-language-tag", "fr_FR", "fr-", ""] {
            let text = explain.text.replacingOccurrences(of: "language fr", with: "language \(bad)")
            #expect(throws: ActError.self, "\(bad)") { try Act(parsing: text) }
        }
        #expect(throws: ActError.self) { try ProposalDraft(kind: .norm, title: "N", document: Self.hash, language: "1x") }
    }

    @Test("the decision act's text is what docs/governance.md shows")
    func decisionText() throws {
        let act = Act(origin: "forum.test", actor: .node, sequence: 9, body: Self.bodies.last!)
        #expect(
            act.text == """
                forum.test
                act decision
                by node
                seq 9
                proposal 12
                at 2026-11-29T10:00:00Z
                outcome no-decision
                threshold simple-majority
                quorum 1/2
                electorate 193
                yes 40
                no 30
                abstain 20
                counted 20-400

                """)
    }

    @Test(
        "malformed governance acts name what is wrong",
        arguments: [
            "act vote\nby ee\nseq 2\nproposal 12\nchoice maybe\n",
            "act vote\nby ee\nseq 2\nproposal 012\nchoice yes\n",
            "act vote\nby ee\nseq 2\nproposal 12\nchoice yes\nchoice no\n",
            "act propose\nby ee\nseq 2\nkind treaty\ntitle A\ntext \(String(repeating: "ab", count: 32))\n",
            "act propose\nby ee\nseq 2\nkind norm\ntitle A\ntext \(String(repeating: "AB", count: 32))\n",
            "act propose\nby ee\nseq 2\nkind admission\ntitle A\ntext \(String(repeating: "ab", count: 32))\n",
            "act propose\nby ee\nseq 2\nkind norm\ntitle A\ntext \(String(repeating: "ab", count: 32))\nsuspend za\n",
            "act propose\nby ee\nseq 2\nkind rules\ntitle A\ntext \(String(repeating: "ab", count: 32))\nrule silence 1h\nrule silence 2h\n",
            "act close\nby node\nseq 2\nproposal 12\nat yesterday\n",
            "act decision\nby node\nseq 2\nproposal 12\nat 2026-11-29T10:00:00Z\noutcome adopted\n",
            "act decision\nby node\nseq 2\nproposal 12\nat 2026-11-29T10:00:00Z\noutcome adopted\nthreshold two-thirds\nquorum 1/2\nelectorate "
                + "3\nyes 2\nno 1\nabstain 0\ncounted 9-4\n",
            "act elect\nby ee\nseq 2\n",
        ])
    func malformed(_ text: String) {
        #expect(throws: ActError(.malformedAct, "")) { try Act(parsing: "forum.test\n" + text) }
    }
}
