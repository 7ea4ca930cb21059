import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@Suite("Forum state: verifying and ordering acts")
struct ForumStateTests {
    let forum = try! TestForum()

    func accept(_ entry: [UInt8], into state: inout ForumState) throws {
        let changes = try state.check(try state.verify(entry: entry), at: 1)
        state.apply(changes)
    }

    @Test("the genesis makes every founder an active member with sequence 0")
    func genesis() throws {
        let state = try forum.initialState
        #expect(state.origin == "forum.test")
        #expect(state.nodeSequence == 1)
        #expect(state.members.count == 3)
        #expect(state.members.values.allSatisfy { $0.status == .active && $0.lastSequence == 0 && $0.keys.count == 1 })
    }

    @Test("an accepted credential act advances the member's sequence and changes its credentials")
    func acceptsCredentialAct() throws {
        var state = try forum.initialState
        let token = try TestForum.token("taxii", 1)
        try accept(try forum.credentialAct(by: "ee", seq: 1, [.addToken(token)]), into: &state)
        let ee = try #require(state.members[try MemberID("ee")])
        #expect(ee.lastSequence == 1)
        #expect(ee.tokens == [token])
    }

    @Test("key rotation: the new key signs, the revoked key no longer does")
    func keyRotation() throws {
        var state = try forum.initialState
        let newKey = try NoteSigner.generate(name: "ee.test/key-2")
        let oldKey = forum.keys["ee"]!
        try accept(try forum.credentialAct(by: "ee", seq: 1, [.addKey(newKey.verifier), .revokeKey(oldKey.verifier)]), into: &state)
        try accept(try forum.credentialAct(by: "ee", seq: 2, [.addToken(try TestForum.token("a", 2))], signer: newKey), into: &state)
        let stale = try forum.credentialAct(by: "ee", seq: 3, [.addToken(try TestForum.token("b", 3))], signer: oldKey)
        #expect(throws: ActError(.unknownKey, "")) { try state.verify(entry: stale) }
    }

    @Test("a key revoked between verification and ordering is caught when ordering")
    func revokedWhileQueued() throws {
        var state = try forum.initialState
        let newKey = try NoteSigner.generate(name: "ee.test/key-2")
        let queued = try state.verify(entry: try forum.credentialAct(by: "ee", seq: 2, [.revokeToken(label: "x")]))
        try accept(try forum.credentialAct(by: "ee", seq: 1, [.addKey(newKey.verifier), .revokeKey(forum.keys["ee"]!.verifier)]), into: &state)
        #expect(throws: ActError(.unknownKey, "")) { try state.check(queued, at: 1) }
    }

    @Test("a replayed act is refused, and so is one that skips a sequence number")
    func sequenceNumbers() throws {
        var state = try forum.initialState
        let first = try forum.credentialAct(by: "fr", seq: 1, [.addToken(try TestForum.token("t", 1))])
        try accept(first, into: &state)
        #expect(throws: ActError(.replayed, "")) { try state.check(try state.verify(entry: first), at: 1) }
        let gap = try forum.credentialAct(by: "fr", seq: 3, [.revokeToken(label: "t")])
        #expect(throws: ActError(.sequenceGap, "")) { try state.check(try state.verify(entry: gap), at: 1) }
    }

    @Test(
        "refusals at verification",
        arguments: [
            ("wrong origin", ActError.Code.wrongOrigin),
            ("unknown member", .unknownMember),
            ("signed by another member", .unknownKey),
            ("suspended member", .suspendedMember),
            ("node act", .nodeOnly),
            ("too large", .tooLarge),
            ("bad signature", .badSignature),
        ]
    )
    func refusals(_ name: String, code: ActError.Code) throws {
        var state = try forum.initialState
        let change = CredentialChange.addToken(try TestForum.token("t", 9))
        let entry: [UInt8]
        switch name {
        case "wrong origin": entry = try forum.credentialAct(by: "ee", seq: 1, [change], origin: "other.forum")
        case "unknown member": entry = try forum.credentialAct(by: "zz", seq: 1, [change], signer: forum.keys["ee"]!)
        case "signed by another member": entry = try forum.credentialAct(by: "ee", seq: 1, [change], signer: forum.keys["fr"]!)
        case "suspended member":
            state.apply([.statusChanged(try MemberID("ee"), .suspended)])
            entry = try forum.credentialAct(by: "ee", seq: 1, [change])
        case "node act":
            entry = try Act(origin: forum.origin, actor: .node, sequence: 2, body: .credential([change])).signed(by: [forum.node]).bytes
        case "too large":
            entry = try forum.credentialAct(by: "ee", seq: 1, Array(repeating: .revokeToken(label: String(repeating: "a", count: 60)), count: 900))
        default:
            entry = try TestForum.tamperingSignature(of: try forum.credentialAct(by: "ee", seq: 1, [change]))
        }
        #expect(throws: ActError(code, "")) { try state.verify(entry: entry) }
    }

    @Test(
        "credential conflicts are refused and change nothing",
        arguments: [
            "add a key another member holds", "add the node key", "revoke a key not held", "revoke the last key",
            "reuse a token label", "reuse a token digest", "revoke an unknown token",
        ]
    )
    func credentialConflicts(_ name: String) throws {
        var state = try forum.initialState
        try accept(try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))]), into: &state)
        let before = state
        let changes: [CredentialChange] =
            switch name {
            case "add a key another member holds": [.addKey(forum.keys["fr"]!.verifier)]
            case "add the node key": [.addKey(forum.node.verifier)]
            case "revoke a key not held": [.revokeKey(forum.keys["fr"]!.verifier)]
            case "revoke the last key": [.revokeKey(forum.keys["ee"]!.verifier)]
            case "reuse a token label": [.addToken(try TestForum.token("taxii", 2))]
            case "reuse a token digest": [.addToken(try TestForum.token("other", 1))]
            default: [.revokeToken(label: "nothing")]
            }
        let actor = name == "reuse a token digest" ? "fr" : "ee"
        let sequence: UInt64 = actor == "ee" ? 2 : 1
        #expect(throws: ActError(.conflict, "")) {
            try state.check(try state.verify(entry: try forum.credentialAct(by: actor, seq: sequence, changes)), at: 1)
        }
        #expect(state == before)
    }
}
