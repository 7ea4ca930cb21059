import Testing
import TransparencyLog

@Suite("Mirror: a verified copy of a log, kept up to date")
struct LogMirrorTests {
    /// A mirror of `log` into `store`, fetching through `fetcher` (the log itself by default).
    static func mirror(_ log: TestLog, into store: MemoryMirrorStore, through fetcher: (any LogFetcher)? = nil) -> LogMirror {
        LogMirror(client: LogClient(fetcher: fetcher ?? log, logKey: log.signer.verifier), store: store)
    }

    /// Checks that the copy is the log at `size`, byte for byte, and that it audits as a log by itself.
    static func expectCopy(_ store: MemoryMirrorStore, of log: TestLog, size: UInt64) async throws {
        let files = store.files
        #expect(files["checkpoint"] == (try await log.fetch("checkpoint")))
        for tile in TileLayout.allTiles(treeSize: size) {
            for path in tile.level == 0 ? [tile.path, tile.entriesPath] : [tile.path] {
                let served = try await log.fetch(path)
                #expect(served != nil && files[path] == served, "\(path)")
            }
        }
        #expect(try await LogAuditor(client: LogClient(fetcher: store, logKey: log.signer.verifier)).audit().size == size)
    }

    /// The paths a pass from `old` to `size` must write: the new tiles and their bundles.
    static func newPaths(size: UInt64, since old: UInt64) -> Set<String> {
        Set(TileLayout.tiles(treeSize: size, since: old).flatMap { $0.level == 0 ? [$0.path, $0.entriesPath] : [$0.path] })
    }

    @Test("a first pass copies every tile, bundle and the checkpoint, byte for byte", arguments: [0, 1, 255, 256, 257, 70_000])
    func firstPass(_ size: Int) async throws {
        let log = try TestLog(size: size)
        let store = MemoryMirrorStore()
        let pass = try await Self.mirror(log, into: store).update()
        #expect(pass.replaced && pass.previous == nil && pass.checkpoint.size == UInt64(size))
        #expect(pass.files == Self.newPaths(size: UInt64(size), since: 0).count)
        #expect(store.files.count == pass.files + 1)
        try await Self.expectCopy(store, of: log, size: UInt64(size))
    }

    @Test("as the log grows, each pass fetches only what the copy lacks and the new right edge, and keeps the partial tiles it held")
    func incremental() async throws {
        let log = try TestLog(size: 70_000)
        let store = MemoryMirrorStore()
        var previous: UInt64 = 0
        for size in [300, 301, 1000, 65_536, 70_000] {
            try log.publish(size: size)
            let held = store.files
            let fetcher = RecordingFetcher(log)
            let pass = try await Self.mirror(log, into: store, through: fetcher).update()
            #expect(pass.previous?.size == (previous == 0 ? nil : previous) && pass.checkpoint.size == UInt64(size))
            let edge = Set(TileLayout.partialTiles(treeSize: UInt64(size)).map(\.path))
            let again = fetcher.paths.filter { $0 != "checkpoint" && held[$0] != nil }
            #expect(again.allSatisfy(edge.contains), "fetched again, and not the right edge that authenticates the rest: \(again)")
            #expect(Set(fetcher.paths).count == fetcher.paths.count, "fetched twice: \(fetcher.paths)")
            let written = Set(store.files.keys).subtracting(held.keys).subtracting(["checkpoint"])
            #expect(written == Self.newPaths(size: UInt64(size), since: previous))
            #expect(held.allSatisfy { path, bytes in path == "checkpoint" || store.files[path] == bytes })
            try await Self.expectCopy(store, of: log, size: UInt64(size))
            previous = UInt64(size)
        }
        for path in ["tile/0/001.p/44", "tile/entries/001.p/44", "tile/0/001.p/45", "tile/1/000.p/1", "tile/2/000.p/1"] {
            #expect(store.files[path] != nil, "\(path) was kept")
        }

        let fetcher = RecordingFetcher(log)
        let pass = try await Self.mirror(log, into: store, through: fetcher).update()
        #expect(!pass.replaced && pass.files == 0 && fetcher.paths == ["checkpoint"])
    }

    @Test("the same tree with another cosignature replaces the checkpoint and nothing else")
    func newCosignature() async throws {
        let log = try TestLog(size: 1000)
        let store = MemoryMirrorStore()
        try await Self.mirror(log, into: store).update()
        let checkpoint = try await log.client.latestCheckpoint().checkpoint
        let cosigned = try SignedNote.sign(text: checkpoint.text, with: [log.signer, try NoteSigner.generate(name: "witness.test")]).bytes
        log.replace("checkpoint", with: cosigned)
        let pass = try await Self.mirror(log, into: store).update()
        #expect(pass.replaced && pass.files == 0 && store.files["checkpoint"] == cosigned)
    }

    static let tamperable = [
        "tile/0/001", "tile/0/272", "tile/1/000", "tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1", "tile/entries/001",
        "tile/entries/273.p/112",
    ]

    @Test("an altered tile or bundle is refused and nothing is written", arguments: tamperable)
    func tampered(_ path: String) async throws {
        let log = try TestLog(size: 70_000)
        try log.publish(size: 300)
        let store = MemoryMirrorStore()
        try await Self.mirror(log, into: store).update()
        let held = store.files
        try log.publish(size: 70_000)
        log.alter(path)
        await #expect(throws: LogClientError.self) { try await Self.mirror(log, into: store).update() }
        #expect(store.files == held && store.stagedCount == 0)

        let empty = MemoryMirrorStore()
        await #expect(throws: LogClientError.self) { try await Self.mirror(log, into: empty).update() }
        #expect(empty.files.isEmpty && empty.stagedCount == 0)
    }

    @Test("a fork or a rollback signed with the log's key is refused and the copy kept", arguments: [70_000, 80_000])
    func forkAndRollback(_ forkSize: Int) async throws {
        let log = try TestLog(size: 70_000)
        let store = MemoryMirrorStore()
        try await Self.mirror(log, into: store).update()
        let held = store.files

        let fork = try TestLog(size: forkSize, signer: log.signer, prefix: "rewritten")
        await #expect { try await Self.mirror(fork, into: store).update() } throws: { error in
            if case .fork = error as? LogClientError { return true }
            return false
        }
        #expect(store.files == held)

        try log.publish(size: 300)
        await #expect(throws: LogClientError.rollback(previousSize: 70_000, size: 300)) { try await Self.mirror(log, into: store).update() }
        #expect(store.files == held)
    }

    @Test("a copy that holds another log's checkpoint is refused")
    func anotherLog() async throws {
        let store = MemoryMirrorStore()
        try await Self.mirror(try TestLog(size: 10, origin: "other.example/log"), into: store).update()
        let held = store.files
        await #expect(throws: LogMirrorError.self) { try await Self.mirror(try TestLog(size: 10), into: store).update() }
        #expect(store.files == held)
    }

    @Test("a pass that stops halfway, fetching or publishing, leaves a copy that audits, and the next pass completes it")
    func interrupted() async throws {
        let log = try TestLog(size: 70_000)
        try log.publish(size: 300)
        let store = MemoryMirrorStore()
        try await Self.mirror(log, into: store).update()
        try log.publish(size: 70_000)

        let dropping = RecordingFetcher(log, failingAfter: 300)
        await #expect(throws: SimulatedCrash.self) { try await Self.mirror(log, into: store, through: dropping).update() }
        #expect(try await LogAuditor(client: LogClient(fetcher: store, logKey: log.signer.verifier)).audit().size == 300)

        store.crashNextPublication(after: 200)
        await #expect(throws: SimulatedCrash.self) { try await Self.mirror(log, into: store).update() }
        #expect(store.files.count > 200)
        #expect(try await LogAuditor(client: LogClient(fetcher: store, logKey: log.signer.verifier)).audit().size == 300)

        try await Self.mirror(log, into: store).update()
        try await Self.expectCopy(store, of: log, size: 70_000)
    }
}
