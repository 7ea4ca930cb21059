import RoundtableDomain
import Testing
import TransparencyLog

/// Admission, suspension and amendments of the rules are always two-thirds questions (UN Charter Art. 18(2); GA
/// rules 83, 85, 136): a rule may add kinds to the important questions, never remove these.
@Suite("The Charter's fixed important questions")
struct FixedImportantQuestionsTests {
    @Test(
        "a 'rule important' line that leaves out admission, suspension or rules is refused, naming what it leaves out",
        arguments: ["important admission", "important rules", "important suspension,rules", "important admission,rules", "important norm,policy"]
    )
    func refused(_ line: String) {
        #expect {
            try RuleSetting(parsing: line)
        } throws: { error in
            guard let error = error as? ActError, error.code == .fixedImportantQuestion else { return false }
            return error.message.contains("always important questions")
        }
    }

    @Test("a line may add kinds to the fixed ones")
    func added() throws {
        #expect(try RuleSetting(parsing: "important admission,suspension,rules,norm") == .important([.admission, .suspension, .rules, .norm]))
    }

    @Test("rules made in code always keep the fixed questions at two-thirds, whatever they name")
    func rulesInCode() throws {
        let rules = try Rules(quorum: Fraction(1, 2), circulation: 0, silence: 0, votingWindow: 1, important: [])
        for kind in [ProposalKind.admission, .suspension, .rules] { #expect(rules.threshold(for: kind) == .twoThirds) }
        #expect(rules.threshold(for: .norm) == .simpleMajority)
    }

    @Test("a rules proposal that tries to remove a fixed question is refused when proposed, and a replay that meets one rejects it")
    func proposalAndReplay() throws {
        let forum = TestForumKeys()
        let text =
            "forum.test\nact propose\nby ee\nseq 1\nkind rules\ntitle Fewer important questions\n"
            + "text \(String(repeating: "ab", count: 32))\nrule important admission,rules\n"
        #expect { try Act(parsing: text) } throws: { ($0 as? ActError)?.code == .fixedImportantQuestion }
        // The replay reads acts with the same parser: the entry is reported as a problem, never applied.
        var replay = ForumReplay()
        replay.apply(entry: try forum.genesis(), checkingSignature: true)
        replay.apply(entry: try SignedNote.sign(text: text, with: [forum.ee]).bytes, checkingSignature: true)
        #expect(replay.problems.map(\.index) == [1])
        #expect(replay.problems.first?.error.code == .fixedImportantQuestion)
    }
}

/// A forum of one member, made here so that the replay test needs no other fixture.
private struct TestForumKeys {
    let node = try! NoteSigner.generate(name: "forum.test")
    let ee = try! NoteSigner.generate(name: "ee.test/key")

    func genesis() throws -> [UInt8] {
        let genesis = try Genesis(
            forumName: "Test forum",
            nodeKey: node.verifier,
            founders: [.init(id: try MemberID("ee"), key: ee.verifier, displayName: "Estonia")]
        )
        return try Act(origin: "forum.test", actor: .node, sequence: 1, body: .genesis(genesis)).signed(by: [node]).bytes
    }
}
