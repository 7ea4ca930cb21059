public import RoundtableDomain
import Testing
import TransparencyLog

/// The behaviour every ``ForumStore`` must have, as checks any store's test suite runs against a fresh store.
public enum ForumStoreContract {
    /// Runs every check against fresh stores.
    /// - Parameter makeStore: Returns a new, empty store each call.
    public static func run<Store: ForumStore>(_ makeStore: () throws -> Store) async throws {
        try await emptyStore(try makeStore())
        try await genesisAndChanges(try makeStore())
    }

    /// An empty store holds no forum and no entries.
    public static func emptyStore(_ store: some ForumStore) async throws {
        #expect(try await store.loadState() == nil)
        #expect(try await store.entryCount() == 0)
        #expect(try await store.entry(at: 0) == nil)
    }

    /// Appended entries read back byte for byte at consecutive indexes, and the saved state equals the state the
    /// changes make in memory.
    public static func genesisAndChanges(_ store: some ForumStore) async throws {
        let forum = try TestForum()
        let (genesisState, genesisChanges) = try ForumState.genesis(try forum.genesis)
        let genesisEntry = try forum.genesis.signed(by: [forum.node]).bytes
        #expect(try await store.append([ActRecord(entry: genesisEntry, changes: genesisChanges)]) == 0)
        #expect(try await store.loadState() == genesisState)

        let ee = try MemberID("ee")
        let fr = try MemberID("fr")
        let newKey = try NoteSigner.generate(name: "ee.test/key-2").verifier
        let batch = [
            ActRecord(
                entry: Array("first\n".utf8),
                changes: [.keyAdded(ee, newKey), .keyRevoked(ee, forum.keys["ee"]!.verifier), .sequenceAdvanced(.member(ee), to: 1)]
            ),
            ActRecord(
                entry: [0xE2, 0x80, 0x94, 0x0A],
                changes: [.tokenAdded(fr, try TestForum.token("taxii", 1)), .sequenceAdvanced(.member(fr), to: 1)]
            ),
            ActRecord(entry: Array(repeating: 0x61, count: 65_535), changes: [.statusChanged(fr, .suspended), .sequenceAdvanced(.node, to: 2)]),
            ActRecord(entry: Array("last\n".utf8), changes: [.tokenAdded(fr, try TestForum.token("b", 2)), .tokenRevoked(fr, label: "taxii")]),
        ]
        #expect(try await store.append(batch) == 1)
        #expect(try await store.append([ActRecord(entry: Array("after\n".utf8), changes: [])]) == 5)
        #expect(try await store.entryCount() == 6)
        #expect(try await store.entry(at: 0) == genesisEntry)
        for (offset, record) in batch.enumerated() {
            #expect(try await store.entry(at: UInt64(offset + 1)) == record.entry)
        }
        #expect(try await store.entry(at: 6) == nil)
        var expected = genesisState
        expected.apply(batch.flatMap(\.changes))
        #expect(try await store.loadState() == expected)
    }
}
