import Foundation
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
        try await exchangeCounts(try makeStore())
        try await checkpointTime(try makeStore())
        try await guardedAppend(try makeStore())
    }

    /// A stored checkpoint's signing time is kept with it.
    public static func checkpointTime(_ store: some ForumStore) async throws {
        #expect(try await store.latestCheckpointTime() == nil)
        let before = Int64(Date().timeIntervalSince1970)
        try await store.storeCheckpoint(Array("checkpoint\n".utf8), size: 0)
        let time = try #require(try await store.latestCheckpointTime())
        #expect((before...before + 60).contains(time.seconds))
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
        try await store.append([ActRecord(entry: genesisEntry, changes: genesisChanges)], at: 0)
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
        try await store.append(batch, at: 1)
        try await store.append([ActRecord(entry: Array("after\n".utf8), changes: [])], at: 5)
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

    /// The counts of object versions per collection, day and TLP level follow every insert and delete, and a count
    /// that falls to zero is not listed.
    public static func exchangeCounts(_ store: some ForumStore) async throws {
        let forum = try TestForum()
        let (_, genesisChanges) = try ForumState.genesis(try forum.genesis)
        try await store.append([ActRecord(entry: try forum.genesis.signed(by: [forum.node]).bytes, changes: genesisChanges)], at: 0)
        let day = ExchangeCount.Key.microsecondsPerDay
        func object(_ collection: String, _ number: Int, day dayNumber: Int64, tlp: Int) throws -> ExchangeObjectRecord {
            ExchangeObjectRecord(
                collection: collection, objectID: "indicator--00000000-0000-4000-8000-00000000000\(number)", version: "v",
                versionMicros: 1, dateAdded: dayNumber * day + Int64(number), type: "indicator", specVersion: "2.1", tlp: tlp, recipients: [],
                submitter: try MemberID("ee"), json: Array("{}".utf8), salt: nil, logIndex: 1)
        }
        let added = [
            try object("a", 1, day: 20_000, tlp: 0), try object("a", 2, day: 20_000, tlp: 0), try object("a", 3, day: 20_000, tlp: 4),
            try object("a", 4, day: 20_001, tlp: 0), try object("b", 5, day: 20_000, tlp: 2),
        ]
        try await store.append([ActRecord(entry: Array("add\n".utf8), changes: [.objectsAdded(added)])], at: 1)
        func counts() async throws -> [String] {
            try await store.exchangeCounts().map { "\($0.key.collection) \($0.key.day) \($0.key.tlp) \($0.count)" }
        }
        #expect(try await counts() == ["a 20000 0 2", "a 20000 4 1", "a 20001 0 1", "b 20000 2 1"])
        let deleted = [added[2], added[4]].map { ExchangeObjectKey(collection: $0.collection, objectID: $0.objectID, versionMicros: $0.versionMicros) }
        try await store.append([ActRecord(entry: Array("delete\n".utf8), changes: [.objectsDeleted(deleted)])], at: 2)
        #expect(try await counts() == ["a 20000 0 2", "a 20001 0 1"])
    }

    /// An append at any index but the log's end writes nothing and says where the log ends; a batch that would
    /// overlap stored entries changes none of them.
    public static func guardedAppend(_ store: some ForumStore) async throws {
        let forum = try TestForum()
        let (genesisState, genesisChanges) = try ForumState.genesis(try forum.genesis)
        let genesisEntry = try forum.genesis.signed(by: [forum.node]).bytes
        await #expect(throws: AppendOutOfStep(expected: 1, stored: 0)) {
            try await store.append([ActRecord(entry: genesisEntry, changes: genesisChanges)], at: 1)
        }
        #expect(try await store.entryCount() == 0)
        try await store.append([ActRecord(entry: genesisEntry, changes: genesisChanges)], at: 0)
        let stray = ActRecord(entry: Array("stray\n".utf8), changes: [.sequenceAdvanced(.node, to: 9)])
        for index: UInt64 in [0, 2, 1_000] {
            await #expect(throws: AppendOutOfStep(expected: index, stored: 1)) { try await store.append([stray, stray], at: index) }
        }
        #expect(try await store.entryCount() == 1)
        #expect(try await store.entry(at: 0) == genesisEntry)
        #expect(try await store.loadState() == genesisState)
        try await store.append([stray], at: 1)
        #expect(try await store.entry(at: 1) == stray.entry)
    }
}
