import Foundation
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@Suite("Member witnesses: registered and retired by credential acts; the witness-quorum rule")
struct WitnessRegistrationTests {
    let forum = try! TestForum()

    static func witnessKey(_ name: String) throws -> CosignatureVerifier {
        try CosignatureSigner(try NoteSigner.generate(name: name)).verifier
    }

    func accept(_ entry: [UInt8], into state: inout ForumState) throws {
        state.apply(try state.check(try state.verify(entry: entry), at: 1))
    }

    @Test("add-witness and retire-witness lines read back as written")
    func lines() throws {
        let key = try Self.witnessKey("witness.ee.test")
        let act = Act(
            origin: "forum.test", actor: .member(try MemberID("ee")), sequence: 4,
            body: .credential([.addWitness(key, url: "https://witness.ee.test/tlog"), .retireWitness(key)]))
        #expect(act.text.contains("\nadd-witness \(key) https://witness.ee.test/tlog\nretire-witness \(key)\n"))
        #expect(try Act(parsing: act.text) == act)
    }

    @Test(
        "malformed witness lines are refused with the line's fault",
        arguments: [
            ("add-witness KEY", "is not a credential change"),
            ("add-witness KEY ftp://w.test", "must start with https://"),
            ("add-witness KEY https://w.test/", "no trailing slash"),
            ("add-witness KEY https://w.test/?a=1", "no query"),
            ("add-witness KEY https:///path", "with a host"),
            ("add-witness NOTE https://w.test", "is not a witness key"),
            ("retire-witness ee+00000000+AAAA", "is not a witness key"),
        ]
    )
    func malformed(_ line: String, fault: String) throws {
        let key = try Self.witnessKey("witness.ee.test")
        let text = line.replacingOccurrences(of: "KEY", with: key.description)
            .replacingOccurrences(of: "NOTE", with: forum.keys["ee"]!.verifier.description)
        do {
            _ = try Act(parsing: "forum.test\nact credential\nby ee\nseq 1\n\(text)\n")
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.code == .malformedAct)
            #expect(error.message.contains(fault), "\(error.message)")
        }
    }

    @Test("a member registers one witness, replaces it by retiring it first, and only its own")
    func oneWitnessPerMember() throws {
        var state = try forum.initialState
        let first = try Self.witnessKey("witness.ee.test")
        let second = try Self.witnessKey("witness-2.ee.test")
        try accept(try forum.credentialAct(by: "ee", seq: 1, [.addWitness(first, url: "https://w.ee.test")]), into: &state)
        #expect(state.witnesses == [try MemberWitness(member: try MemberID("ee"), key: first, url: "https://w.ee.test")])

        let another = try forum.credentialAct(by: "ee", seq: 2, [.addWitness(second, url: "https://w2.ee.test")])
        #expect(throws: ActError(.conflict, "")) { try state.check(try state.verify(entry: another), at: 2) }
        let foreign = try forum.credentialAct(by: "fr", seq: 1, [.retireWitness(first)])
        #expect(throws: ActError(.conflict, "")) { try state.check(try state.verify(entry: foreign), at: 2) }
        let sameKey = try forum.credentialAct(by: "fr", seq: 1, [.addWitness(first, url: "https://w.fr.test")])
        #expect(throws: ActError(.conflict, "")) { try state.check(try state.verify(entry: sameKey), at: 2) }

        try accept(
            try forum.credentialAct(by: "ee", seq: 2, [.retireWitness(first), .addWitness(second, url: "https://w2.ee.test")]), into: &state)
        #expect(state.witnesses.map(\.key) == [second])

        // The same key at a new URL: retired and added again in one act.
        try accept(
            try forum.credentialAct(by: "ee", seq: 3, [.retireWitness(second), .addWitness(second, url: "https://w3.ee.test")]), into: &state)
        #expect(state.witnesses.map(\.url) == ["https://w3.ee.test"])
    }

    @Test("a witness key may not be a key that signs acts")
    func keyOfItsOwn() throws {
        let state = try forum.initialState
        let reused = try CosignatureSigner(try forum.keys["fr"]!.renamed("witness.fr.test")).verifier
        let act = try forum.credentialAct(by: "fr", seq: 1, [.addWitness(reused, url: "https://w.fr.test")])
        #expect(throws: ActError(.conflict, "")) { try state.check(try state.verify(entry: act), at: 1) }
    }

    @Test(
        "the witness quorum: a majority by default, a count capped at those registered, none while none is registered",
        arguments: [
            (WitnessQuorum.majority, 0, 0), (.majority, 1, 1), (.majority, 2, 2), (.majority, 3, 2), (.majority, 5, 3),
            (.count(3), 0, 0), (.count(3), 2, 2), (.count(3), 5, 3), (.count(1), 7, 1),
        ]
    )
    func quorum(_ rule: WitnessQuorum, registered: Int, required: Int) {
        #expect(rule.required(of: registered) == required)
    }

    @Test("the rule reads and writes as 'rule witness-quorum majority|N'; other values are refused")
    func rule() throws {
        #expect(Rules.defaults.witnessQuorum == .majority)
        #expect(Rules.defaults.settings.map(\.description).contains("witness-quorum majority"))
        #expect(try RuleSetting(parsing: "witness-quorum 3") == .witnessQuorum(.count(3)))
        #expect(try Rules.defaults.applying([.witnessQuorum(.count(2))]).witnessQuorum == .count(2))
        for bad in ["witness-quorum 0", "witness-quorum 03", "witness-quorum -1", "witness-quorum all", "witness-quorum 1001"] {
            #expect(throws: ActError(.malformedAct, "")) { try RuleSetting(parsing: bad) }
        }
    }
}
