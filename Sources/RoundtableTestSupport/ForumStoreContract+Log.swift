import Foundation
import RoundtableDomain
import Testing
import TransparencyLog

/// The log's checks: appends, entries and bundles, tiles and checkpoints.
extension ForumStoreContract {
    static var logChecks: [Check] {
        [
            Check(
                [.loadState, .entryCount, .entry, .sequencedSize, .entries, .integratedTree, .latestCheckpoint, .latestCheckpointTime],
                "a new store holds no forum, no entry, no tree and no checkpoint"
            ) { try await emptyLog($0) },
            Check(
                [.append, .entry, .entryCount, .loadState],
                "appended entries read back byte for byte at consecutive indexes, and the saved state is the state the changes make"
            ) { try await genesisAndChanges($0) },
            Check(
                [.append, .entryCount, .entry, .loadState],
                "an append at any index but the log's end writes nothing and says where the log ends"
            ) { try await guardedAppend($0) },
            Check([.append, .entryCount, .loadState], "an entry over 65,535 bytes is refused and its whole batch writes nothing") {
                try await oversizedEntry($0)
            },
            Check(
                [.entries, .sequencedSize, .entry],
                "entries read by range across a bundle boundary, and none past the end; the sequenced size is the entry count"
            ) { try await entryRanges($0) },
            Check([.entryBundle], "a bundle holds its first entries, whole or partial, and there is none past the log") {
                try await entryBundles($0)
            },
            Check([.storeIntegration, .integratedTree, .tiles], "integrations' trees and tiles read back, and absent tiles are left out") {
                try await integration($0)
            },
            Check([.storeIntegration, .integratedTree, .tiles], "an integration over a tree that moved is refused and writes nothing") {
                try await staleIntegration($0)
            },
            Check([.storeCheckpoint, .latestCheckpoint], "the latest checkpoint is the one stored for the largest tree, byte for byte") {
                try await checkpoints($0)
            },
            Check([.storeCheckpoint, .latestCheckpointTime], "a stored checkpoint's signing time is kept with it") { try await checkpointTime($0) },
            Check(
                [.storeCheckpoint, .storeCosigned, .loggingTimes],
                "an entry's logging times are those of the smallest checkpoint, and of the smallest cosigned one, including it"
            ) { try await loggingTimes($0) },
            Check(
                [.storeCosigned, .latestCosigned, .firstCosigned, .cosignedList],
                "cosigned checkpoints read back by size: the latest, the first including an index, in order after a size; one stored again replaced"
            ) { try await cosignedCheckpoints($0) },
        ]
    }

    static func emptyLog(_ stores: Stores) async throws {
        let store = try await stores.open()
        #expect(try await store.loadState() == nil)
        #expect(try await store.entryCount() == 0)
        #expect(try await store.sequencedSize() == 0)
        #expect(try await store.entry(at: 0) == nil)
        #expect(try await store.entries(from: 0, limit: 10).isEmpty)
        #expect(try await store.integratedTree() == IntegratedTree(size: 0, root: .emptyTree))
        #expect(try await store.latestCheckpoint() == nil)
        #expect(try await store.latestCheckpointTime() == nil)
    }

    static func genesisAndChanges(_ stores: Stores) async throws {
        let (store, genesisState, genesisEntry) = try await forum(stores)
        #expect(try await store.loadState() == genesisState)
        let ee = try MemberID("ee")
        let fr = try MemberID("fr")
        let newKey = try NoteSigner.generate(name: "ee.test/key-2").verifier
        let oldKey = try #require(genesisState.members[ee]?.keys.first)
        let batch = [
            ActRecord(entry: Array("first\n".utf8), changes: [.keyAdded(ee, newKey), .keyRevoked(ee, oldKey), .sequenceAdvanced(.member(ee), to: 1)]),
            ActRecord(
                entry: [0xE2, 0x80, 0x94, 0x0A], changes: [.tokenAdded(fr, try TestForum.token("taxii", 1)), .sequenceAdvanced(.member(fr), to: 1)]),
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
        #expect(try await store.entry(at: 5) == Array("after\n".utf8))
        #expect(try await store.entry(at: 6) == nil)
        var expected = genesisState
        expected.apply(batch.flatMap(\.changes))
        #expect(try await store.loadState() == expected)
    }

    static func guardedAppend(_ stores: Stores) async throws {
        let store = try await stores.open()
        let forum = try TestForum()
        let (genesisState, genesisChanges) = try ForumState.genesis(try forum.genesis)
        let genesis = ActRecord(entry: try forum.genesis.signed(by: [forum.node]).bytes, changes: genesisChanges)
        await #expect(throws: AppendOutOfStep(expected: 1, stored: 0)) { try await store.append([genesis], at: 1) }
        #expect(try await store.entryCount() == 0)
        #expect(try await store.loadState() == nil)
        try await store.append([genesis], at: 0)
        let stray = ActRecord(entry: Array("stray\n".utf8), changes: [.sequenceAdvanced(.node, to: 9)])
        for index: UInt64 in [0, 2, 1_000] {
            await #expect(throws: AppendOutOfStep(expected: index, stored: 1)) { try await store.append([stray, stray], at: index) }
        }
        #expect(try await store.entryCount() == 1)
        #expect(try await store.entry(at: 0) == genesis.entry)
        #expect(try await store.entry(at: 1) == nil)
        #expect(try await store.loadState() == genesisState)
        try await store.append([stray], at: 1)
        #expect(try await store.entry(at: 1) == stray.entry)
    }

    static func oversizedEntry(_ stores: Stores) async throws {
        let (store, state, _) = try await forum(stores)
        let batch = [
            ActRecord(entry: Array("fits\n".utf8), changes: [.sequenceAdvanced(.node, to: 2)]),
            ActRecord(entry: Array(repeating: 0x61, count: EntryBundle.maximumEntrySize + 1), changes: []),
        ]
        await #expect(throws: (any Error).self) { try await store.append(batch, at: 1) }
        #expect(try await store.entryCount() == 1)
        #expect(try await store.entry(at: 1) == nil)
        #expect(try await store.loadState() == state)
        try await store.append([ActRecord(entry: Array(repeating: 0x61, count: EntryBundle.maximumEntrySize), changes: [])], at: 1)
        #expect(try await store.entry(at: 1)?.count == EntryBundle.maximumEntrySize)
    }

    static func entryRanges(_ stores: Stores) async throws {
        let store = try await stores.open()
        let all = entries(0..<300)
        // Two batches, the second of which completes the first bundle and starts the next.
        try await store.append(all[0..<100].map { ActRecord(entry: $0, changes: []) }, at: 0)
        try await store.append(all[100..<300].map { ActRecord(entry: $0, changes: []) }, at: 100)
        #expect(try await store.entryCount() == 300)
        #expect(try await store.sequencedSize() == 300)
        for (start, limit) in [(0, 300), (0, 1_000), (250, 10), (255, 2), (256, 44), (299, 5), (300, 1), (0, 0), (10, 1)] {
            let expected = Array(all[min(start, 300)..<min(start + limit, 300)])
            #expect(try await store.entries(from: UInt64(start), limit: limit) == expected, "entries(from: \(start), limit: \(limit))")
        }
        #expect(try await store.entries(from: .max, limit: 1).isEmpty)
        for index in [0, 255, 256, 299] { #expect(try await store.entry(at: UInt64(index)) == all[index], "entry(at: \(index))") }
        #expect(try await store.entry(at: .max) == nil)
    }

    static func entryBundles(_ stores: Stores) async throws {
        let store = try await stores.open()
        let all = entries(0..<300)
        // Entries wait one by one, then an append fills the first bundle.
        try await store.append(all[0..<255].map { ActRecord(entry: $0, changes: []) }, at: 0)
        #expect(try await store.entryBundle(0, width: 256) == nil)
        #expect(try await store.entryBundle(0, width: 255) == EntryBundle(entries: Array(all[0..<255])).bytes)
        try await store.append(all[255..<300].map { ActRecord(entry: $0, changes: []) }, at: 255)
        #expect(try await store.entryBundle(0, width: 256) == EntryBundle(entries: Array(all[0..<256])).bytes)
        #expect(try await store.entryBundle(0, width: 10) == EntryBundle(entries: Array(all[0..<10])).bytes)
        #expect(try await store.entryBundle(1, width: 44) == EntryBundle(entries: Array(all[256..<300])).bytes)
        #expect(try await store.entryBundle(1, width: 45) == nil)
        #expect(try await store.entryBundle(2, width: 1) == nil)
        #expect(try await store.entryBundle(.max, width: 1) == nil)
    }

    static func integration(_ stores: Stores) async throws {
        let store = try await stores.open()
        let leaves = entries(0..<300).map(MerkleHasher.leafHash)
        let first = try TileBuilder.integrate(size: 0, leafHashes: Array(leaves[0..<200]), edge: [:])
        try await store.storeIntegration(first, previousSize: 0)
        #expect(try await store.integratedTree() == IntegratedTree(size: 200, root: first.root))
        let absent = TileKey(level: 0, index: 7)
        #expect(try await store.tiles(Array(first.tiles.keys) + [absent]) == first.tiles)
        let edge = try await store.tiles(TileBuilder.edgeKeys(treeSize: 200))
        let second = try TileBuilder.integrate(size: 200, leafHashes: Array(leaves[200...]), edge: edge)
        try await store.storeIntegration(second, previousSize: 200)
        #expect(try await store.integratedTree() == IntegratedTree(size: 300, root: second.root))
        // The tiles of two integrations are the tiles of one over all the leaves: later hashes replace a partial tile.
        let whole = try TileBuilder.integrate(size: 0, leafHashes: leaves, edge: [:])
        #expect(whole.root == second.root)
        #expect(try await store.tiles(Array(whole.tiles.keys) + [absent]) == whole.tiles)
    }

    static func staleIntegration(_ stores: Stores) async throws {
        let store = try await stores.open()
        let leaves = entries(0..<20).map(MerkleHasher.leafHash)
        let first = try TileBuilder.integrate(size: 0, leafHashes: Array(leaves[0..<10]), edge: [:])
        await #expect(throws: (any Error).self) { try await store.storeIntegration(first, previousSize: 5) }
        #expect(try await store.integratedTree() == IntegratedTree(size: 0, root: .emptyTree))
        #expect(try await store.tiles(Array(first.tiles.keys)).isEmpty)
        try await store.storeIntegration(first, previousSize: 0)
        let second = try TileBuilder.integrate(size: 10, leafHashes: Array(leaves[10...]), edge: first.tiles)
        await #expect(throws: (any Error).self) { try await store.storeIntegration(second, previousSize: 0) }
        #expect(try await store.integratedTree() == IntegratedTree(size: 10, root: first.root))
        #expect(try await store.tiles(Array(first.tiles.keys)) == first.tiles)
    }

    static func checkpoints(_ stores: Stores) async throws {
        let store = try await stores.open()
        #expect(try await store.latestCheckpoint() == nil)
        let small = Array("forum.test\n1\nAAAA\n\n— forum.test sig1\n".utf8)
        let large = Array("forum.test\n5\nBBBB\n\n— forum.test sig5\n".utf8)
        try await store.storeCheckpoint(small, size: 1)
        #expect(try await store.latestCheckpoint() == small)
        try await store.storeCheckpoint(large, size: 5)
        #expect(try await store.latestCheckpoint() == large)
    }

    static func cosignedCheckpoints(_ stores: Stores) async throws {
        let store = try await stores.open()
        #expect(try await store.latestCosignedCheckpoint() == nil)
        #expect(try await store.firstCosignedCheckpoint(including: 0) == nil)
        let five = WitnessedCheckpoint(
            size: 5, note: Array("forum.test\n5\nAAAA\n\n— forum.test s\n— w1 c\n".utf8), cosigners: ["w1"], witnessedAt: 100)
        let nine = WitnessedCheckpoint(
            size: 9, note: Array("forum.test\n9\nBBBB\n\n— forum.test s\n— w2 c\n".utf8), cosigners: ["w2"], witnessedAt: 130)
        try await store.storeCosignedCheckpoint(nine)
        try await store.storeCosignedCheckpoint(five)
        #expect(try await store.latestCosignedCheckpoint() == nine)
        #expect(try await store.firstCosignedCheckpoint(including: 0) == five)
        #expect(try await store.firstCosignedCheckpoint(including: 4) == five)
        #expect(try await store.firstCosignedCheckpoint(including: 5) == nine)
        #expect(try await store.firstCosignedCheckpoint(including: 9) == nil)
        let more = WitnessedCheckpoint(size: 5, note: five.note + Array("— w2 c\n".utf8), cosigners: ["w1", "w2"], witnessedAt: 101)
        try await store.storeCosignedCheckpoint(more)
        #expect(try await store.firstCosignedCheckpoint(including: 2) == more)
        #expect(try await store.cosignedCheckpoints(after: 0, limit: 10) == [more, nine])
        #expect(try await store.cosignedCheckpoints(after: 0, limit: 1) == [more])
        #expect(try await store.cosignedCheckpoints(after: 5, limit: 10) == [nine])
        #expect(try await store.cosignedCheckpoints(after: 9, limit: 10).isEmpty)
        if let reopened = try await stores.reopen() {
            #expect(try await reopened.latestCosignedCheckpoint() == nine)
            #expect(try await reopened.firstCosignedCheckpoint(including: 3) == more)
        }
    }

    static func loggingTimes(_ stores: Stores) async throws {
        let store = try await stores.open()
        #expect(try await store.loggingTimes(of: [0, 5]).isEmpty)
        let before = Int64(Date().timeIntervalSince1970)
        try await store.storeCheckpoint(Array("checkpoint 3\n".utf8), size: 3)
        try await store.storeCheckpoint(Array("checkpoint 8\n".utf8), size: 8)
        try await store.storeCosignedCheckpoint(WitnessedCheckpoint(size: 5, note: Array("cosigned 5\n".utf8), cosigners: ["w"], witnessedAt: 1_800))
        let times = try await store.loggingTimes(of: [0, 2, 3, 4, 7, 8])
        let first = try #require(times[0]?.signed)
        #expect((before...before + 60).contains(first.seconds))
        #expect(times[2]?.signed == first && times[2]?.witnessed == Timestamp(seconds: 1_800))
        let second = try #require(times[3]?.signed, "entry 3 is first in the tree of 8")
        #expect(second >= first)
        #expect(times[4]?.witnessed == Timestamp(seconds: 1_800))
        #expect(times[7] == LoggingTime(signed: second, witnessed: nil), "no cosigned checkpoint includes entry 7")
        #expect(times[8] == nil, "no checkpoint includes entry 8 yet")
    }

    static func checkpointTime(_ stores: Stores) async throws {
        let store = try await stores.open()
        #expect(try await store.latestCheckpointTime() == nil)
        let before = Int64(Date().timeIntervalSince1970)
        try await store.storeCheckpoint(Array("checkpoint\n".utf8), size: 0)
        let time = try #require(try await store.latestCheckpointTime())
        #expect((before...before + 60).contains(time.seconds))
    }
}
