import Synchronization
import TransparencyLog

/// A log built in memory and served as C2SP resources by path, which tests can alter to play a dishonest log.
final class TestLog: LogFetcher, Sendable {
    let signer: NoteSigner
    private let resources = Mutex<[String: [UInt8]]>([:])
    let entries: [[UInt8]]

    /// Creates a log of `size` entries; a log made with another log's signer and another prefix is a fork of it.
    init(size: Int, origin: String = "test.example/log", signer: NoteSigner? = nil, prefix: String = "entry number") throws {
        self.signer = try signer ?? NoteSigner.generate(name: origin)
        entries = (0..<size).map { Array("\(prefix) \($0)".utf8) }
        try publish(size: size)
    }

    /// Serves the tiles, bundles and a signed checkpoint of the first `size` entries (on top of what is served).
    func publish(size: Int) throws {
        let integration = try TileBuilder.integrate(size: 0, leafHashes: entries.prefix(size).map(MerkleHasher.leafHash), edge: [:])
        var served: [String: [UInt8]] = [:]
        for tile in TileLayout.allTiles(treeSize: UInt64(size)) {
            let hashes = integration.tiles[TileKey(level: tile.level, index: tile.index)]!
            served[tile.path] = HashTile(hashes: Array(hashes.prefix(tile.width))).bytes
            if tile.level == 0 {
                let start = Int(tile.index) * 256
                served[tile.entriesPath] = EntryBundle(entries: Array(entries[start..<(start + tile.width)])).bytes
            }
        }
        served["checkpoint"] = try signedCheckpoint(size: UInt64(size), root: integration.root)
        resources.withLock { $0.merge(served) { $1 } }
    }

    func signedCheckpoint(size: UInt64, root: TreeHash) throws -> [UInt8] {
        try SignedNote.sign(text: Checkpoint(origin: signer.name, size: size, root: root).text, with: [signer]).bytes
    }

    func fetch(_ path: String) async throws -> [UInt8]? { resources.withLock { $0[path] } }

    func replace(_ path: String, with bytes: [UInt8]) { resources.withLock { $0[path] = bytes } }

    func alter(_ path: String, at offset: Int = 5) {
        resources.withLock { $0[path]![offset] ^= 0x01 }
    }

    func remove(_ path: String) { resources.withLock { _ = $0.removeValue(forKey: path) } }

    var client: LogClient { LogClient(fetcher: self, logKey: signer.verifier) }
}
