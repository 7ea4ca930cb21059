import Crypto
import Testing
import TransparencyLog

@Suite("Witness policies (C2SP tlog-policy): parsing and checking cosigned checkpoints")
struct WitnessPolicyTests {
    let log = try! NoteSigner.generate(name: "forum.test/log")
    let witnesses = try! (1...5).map { try CosignatureSigner(name: "w\($0).test", privateKey: Curve25519.Signing.PrivateKey()) }
    let text = "forum.test/log\n12\nuAUfJKNp5dZMkyfU2+vT1gTxq/MvjIl5EqoqL0tkgXI=\n"

    func policy(_ groups: String, quorum: String) -> String {
        "# the forum's log and its members' witnesses\nlog \(log.verifier) https://forum.test/log\n"
            + witnesses.enumerated().map { "witness m\($0.offset + 1) \($0.element.verifier)\n" }.joined() + groups + "quorum \(quorum)\n"
    }

    /// The checkpoint signed by the log (or by another key) and cosigned by these witnesses (1-based), each at
    /// `1_000 + index`.
    func checkpoint(cosignedBy indexes: [Int], logSigned: Bool = true) throws -> SignedNote {
        let signed = try SignedNote.sign(text: text, with: [logSigned ? log : try NoteSigner.generate(name: "forum.test/log")])
        let cosignatures = try indexes.map { try witnesses[$0 - 1].cosign(checkpointText: text, timestamp: UInt64(1_000 + $0)) }
        return try SignedNote(text: text, signatures: signed.signatures + cosignatures)
    }

    @Test("a policy reads back as written, comments and blank lines aside")
    func roundTrip() throws {
        let parsed = try WitnessPolicy(parsing: policy("\ngroup members 3 m1 m2 m3 m4 m5\n", quorum: "members"))
        #expect(parsed.witnesses.count == 5)
        #expect(parsed.groups == [.init(name: "members", threshold: .count(3), members: ["m1", "m2", "m3", "m4", "m5"])])
        #expect(try WitnessPolicy(parsing: parsed.text) == parsed)
    }

    @Test("3 of 5: met with three valid cosignatures, short with two, and a forged one does not count")
    func threeOfFive() throws {
        let policy = try WitnessPolicy(parsing: policy("group members 3 m1 m2 m3 m4 m5\n", quorum: "members"))
        let met = policy.report(on: try checkpoint(cosignedBy: [5, 2, 4]))
        #expect(met.satisfied && met.shortfall.isEmpty)
        #expect(met.witnessedTime == 1_005, "the third of the three cosignature times")
        let short = policy.report(on: try checkpoint(cosignedBy: [1, 2]))
        #expect(!short.satisfied)
        #expect(short.shortfall.contains("members needs 3 of 5") && short.shortfall.contains("missing: m3, m4, m5"), "\(short.shortfall)")
        #expect(throws: PolicyError.self) { try policy.require(try checkpoint(cosignedBy: [1, 2])) }

        // A cosignature line under w3's name and key ID over another checkpoint's text.
        var forged = try witnesses[2].cosign(checkpointText: "other.test/log\n1\n" + String(repeating: "A", count: 43) + "=\n", timestamp: 7)
        forged = NoteSignature(keyName: forged.keyName, keyID: forged.keyID, signature: forged.signature)
        let withForgery = try SignedNote(text: text, signatures: try checkpoint(cosignedBy: [1, 2]).signatures + [forged])
        let report = policy.report(on: withForgery)
        #expect(!report.satisfied)
        #expect(report.invalid.keys.sorted() == ["m3"])
        #expect(report.shortfall.contains("m3's cosignature is invalid"))
    }

    @Test("groups of groups: all of (any of m1 m2) and (2 of m3 m4 m5)")
    func nestedGroups() throws {
        let policy = try WitnessPolicy(
            parsing: policy("group west any m1 m2\ngroup east 2 m3 m4 m5\ngroup both all west east\n", quorum: "both"))
        #expect(policy.report(on: try checkpoint(cosignedBy: [2, 3, 5])).satisfied)
        #expect(!policy.report(on: try checkpoint(cosignedBy: [1, 2, 3])).satisfied)
        #expect(!policy.report(on: try checkpoint(cosignedBy: [3, 4, 5])).satisfied)
    }

    @Test("quorum none needs only the log's signature, and a checkpoint the policy's log did not sign is refused")
    func logSignature() throws {
        let none = try WitnessPolicy(parsing: policy("", quorum: "none"))
        #expect(none.report(on: try checkpoint(cosignedBy: [])).satisfied)
        let unsigned = none.report(on: try checkpoint(cosignedBy: [1, 2, 3], logSigned: false))
        #expect(!unsigned.satisfied && unsigned.shortfall.contains("no signature of the policy's logs"))
    }

    @Test(
        "malformed policies are refused with the line at fault",
        arguments: [
            ("witness m1 KEY1\nquorum m2\n", "no witness or group"),
            ("witness m1 KEY1\nwitness m1 KEY2\nquorum m1\n", "used twice"),
            ("witness m1 KEY1\ngroup g 2 m1\nquorum g\n", "needs 2 of only 1"),
            ("witness m1 KEY1\ngroup g any m1 later\nwitness later KEY2\nquorum g\n", "not a witness or group defined above it"),
            ("witness none KEY1\nquorum none\n", "reserved"),
            ("witness m1 KEY1\n", "no quorum line"),
            ("quorum none\nquorum none\n", "exactly one quorum"),
            ("witness m1 LOGKEY\nquorum m1\n", "not a cosignature/v1 witness key"),
            ("group g 0 m1\nquorum none\n", "not a group threshold"),
            ("witnesses m1 KEY1\nquorum none\n", "line 1"),
        ]
    )
    func malformed(_ body: String, fault: String) {
        let text = body.replacing("KEY1", with: witnesses[0].verifier.description).replacing("KEY2", with: witnesses[1].verifier.description)
            .replacing("LOGKEY", with: log.verifier.description)
        #expect {
            try WitnessPolicy(parsing: text)
        } throws: { error in
            (error as? PolicyError)?.message.contains(fault) == true
        }
    }
}
