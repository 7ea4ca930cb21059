import RoundtableDomain
import Testing
import TransparencyLog

/// The saved state's and the documents' checks.
extension ForumStoreContract {
    static var stateChecks: [Check] {
        [
            Check(
                [.loadState, .append],
                "the saved state keeps members (admitted later too), keys, tokens, statuses and sequence numbers; governance may be left to the log"
            ) { try await savedMembers($0) },
            Check([.storeDocument, .document], "a stored document reads back by its SHA-256; an unknown hash reads nothing") {
                try await documents($0)
            },
            Check([.storeDocument, .document], "storing a document with the same SHA-256 again changes nothing") {
                try await documentStoredTwice($0)
            },
        ]
    }

    static func savedMembers(_ stores: Stores) async throws {
        let (store, state, _) = try await forum(stores)
        let chile = try MemberID("cl")
        let key = try NoteSigner.generate(name: "cl.test/key").verifier
        let proposal = Proposal(
            id: 1, proposer: try MemberID("ee"),
            draft: try ProposalDraft(kind: .norm, title: "A norm", document: [UInt8](repeating: 1, count: 32)))
        let changes: [ForumChange] = [
            .proposalRecorded(proposal), .nodeClock(Timestamp(seconds: 1_800_000_000)),
            .memberAdmitted(Member(id: chile, displayName: "Republic of Chile", keys: [key])), .tokenAdded(chile, try TestForum.token("cert", 3)),
            .sequenceAdvanced(.member(chile), to: 4), .statusChanged(try MemberID("ke"), .suspended), .sequenceAdvanced(.node, to: 7),
        ]
        try await appendChanges(changes, to: store)
        var expected = state
        expected.apply(changes)
        let loaded = try #require(try await store.loadState())
        #expect(loaded.members == expected.members)
        #expect(loaded.members[chile]?.keys == [key])
        #expect(loaded.nodeSequence == 7)
        #expect(loaded.origin == state.origin && loaded.name == state.name && loaded.nodeKey == state.nodeKey)
    }

    static func documents(_ stores: Stores) async throws {
        let store = try await stores.open()
        let text = StoredDocument(
            sha256: [UInt8](repeating: 0xAB, count: 32), mediaType: "text/markdown; charset=utf-8", bytes: Array("# A norm\n".utf8))
        let empty = StoredDocument(sha256: [UInt8](repeating: 0xCD, count: 32), mediaType: "application/octet-stream", bytes: [])
        #expect(try await store.document(text.sha256) == nil)
        #expect(try await store.hasDocument(text.sha256) == false)
        try await store.store(text)
        try await store.store(empty)
        #expect(try await store.document(text.sha256) == text)
        #expect(try await store.document(empty.sha256) == empty)
        #expect(try await store.hasDocument(text.sha256))
        #expect(try await store.document([UInt8](repeating: 0xEF, count: 32)) == nil)
    }

    static func documentStoredTwice(_ stores: Stores) async throws {
        let store = try await stores.open()
        let hash = [UInt8](repeating: 0x11, count: 32)
        let first = StoredDocument(sha256: hash, mediaType: "text/plain; charset=utf-8", bytes: Array("text\n".utf8))
        try await store.store(first)
        try await store.store(StoredDocument(sha256: hash, mediaType: "text/markdown; charset=utf-8", bytes: Array("text\n".utf8)))
        #expect(try await store.document(hash) == first)
    }
}
