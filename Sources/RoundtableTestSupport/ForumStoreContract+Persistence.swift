import RoundtableDomain
import Testing
import TransparencyLog

/// The checks for stores that persist: what was written is there when the store is opened again. They check nothing
/// of stores that do not persist (``ForumStoreContract/Stores/fresh(_:)``).
extension ForumStoreContract {
    static var persistenceChecks: [Check] {
        [
            Check(
                [
                    .entryCount, .entry, .entries, .entryBundle, .loadState, .integratedTree, .tiles, .latestCheckpoint,
                    .latestCheckpointTime, .document, .objects, .storedJSON, .latestDateAdded, .exchangeCounts, .status,
                ],
                "a store opened again holds every entry, the state, tree, tiles, checkpoint, documents, objects and statuses (stores that persist)"
            ) { try await reopened($0) },
            Check([.cursorSecret], "a store opened again keeps its cursor secret (stores that persist)") { try await reopenedSecret($0) },
        ]
    }

    static func reopened(_ stores: Stores) async throws {
        guard stores.persist else { return }
        let (store, _, _) = try await forum(stores)
        let written = entries(1..<300)
        try await store.append(written.map { ActRecord(entry: $0, changes: []) }, at: 1)
        let admitted = Member(id: try MemberID("cl"), displayName: "Republic of Chile", keys: [try NoteSigner.generate(name: "cl.test/key").verifier])
        try await appendChanges([.memberAdmitted(admitted), .sequenceAdvanced(.node, to: 2)], to: store)
        let object = try object(1, version: 5, added: 99, tlp: 3)
        try await appendChanges([.objectsAdded([object]), .statusStored(id: "s", json: Array("{}".utf8))], to: store)
        let leaves = try await store.entries(from: 0, limit: 1_000).map(MerkleHasher.leafHash)
        let integration = try TileBuilder.integrate(size: 0, leafHashes: leaves, edge: [:])
        try await store.storeIntegration(integration, previousSize: 0)
        let checkpoint = Array("forum.test\n302\nroot\n\n— forum.test sig\n".utf8)
        try await store.storeCheckpoint(checkpoint, size: 302)
        let document = StoredDocument(
            sha256: [UInt8](repeating: 0x42, count: 32), mediaType: "text/plain; charset=utf-8", bytes: Array("text\n".utf8))
        try await store.store(document)

        let expectedEntries = try await store.entries(from: 0, limit: 1_000)
        let expectedState = try await store.loadState()
        let again = try #require(try await stores.reopen())
        #expect(try await again.entryCount() == 302)
        #expect(try await again.entries(from: 0, limit: 1_000) == expectedEntries)
        #expect(try await again.entry(at: 150) == written[149])
        #expect(try await again.entryBundle(0, width: 256) == EntryBundle(entries: Array(expectedEntries[0..<256])).bytes)
        #expect(try await again.loadState() == expectedState)
        #expect(try await again.loadState()?.members[admitted.id] == admitted)
        #expect(try await again.integratedTree() == IntegratedTree(size: 302, root: integration.root))
        #expect(try await again.tiles(Array(integration.tiles.keys)) == integration.tiles)
        #expect(try await again.latestCheckpoint() == checkpoint)
        #expect(try await again.latestCheckpointTime() != nil)
        #expect(try await again.document(document.sha256) == document)
        #expect(try await again.objects(ExchangeQuery(collection: "c", versions: .all, limit: 10)) == [object])
        #expect(try await again.storedJSON([key(object)]) == [key(object): object.json])
        #expect(try await again.latestDateAdded() == 99)
        #expect(try await again.exchangeCounts() == [ExchangeCount(key: .init(collection: "c", dateAdded: 99, tlp: 3), count: 1)])
        #expect(try await again.status(id: "s") == Array("{}".utf8))
    }

    static func reopenedSecret(_ stores: Stores) async throws {
        guard stores.persist else { return }
        let secret = try await stores.open().cursorSecret()
        let again = try #require(try await stores.reopen())
        #expect(try await again.cursorSecret() == secret)
    }
}
