import Testing
import TransparencyLog

@Suite("C2SP tile paths and layout")
struct TileLayoutTests {
    @Test("tile index encoding", arguments: [
        (UInt64(0), "000"), (1, "001"), (999, "999"), (1000, "x001/000"), (1_234_067, "x001/x234/067"),
        (1_000_000_000, "x001/x000/x000/000"),
    ])
    func indexEncoding(_ index: UInt64, _ encoded: String) {
        #expect(TileID.encode(index) == encoded)
    }

    @Test("tree size 70,000: 273 full level-0 tiles, 0/273.p/112, 1/000, 1/001.p/17, 2/000.p/1")
    func size70000() {
        let tiles = TileLayout.allTiles(treeSize: 70_000)
        let level0 = tiles.filter { $0.level == 0 }
        #expect(level0.count == 274)
        #expect(level0.filter(\.isFull).count == 273)
        #expect(tiles.filter { !$0.isFull }.map(\.path) == ["tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1"])
        #expect(tiles.filter { $0.level == 1 }.map(\.path) == ["tile/1/000", "tile/1/001.p/17"])
        #expect(TileLayout.partialTiles(treeSize: 70_000).map(\.entriesPath).first == "tile/entries/273.p/112")
    }

    @Test("tree size 256: full tile/0/000 and tile/1/000.p/1")
    func size256() {
        #expect(TileLayout.allTiles(treeSize: 256).map(\.path) == ["tile/0/000", "tile/1/000.p/1"])
        #expect(TileLayout.allTiles(treeSize: 0).isEmpty)
    }

    @Test("canonical paths parse back; others are refused", arguments: [
        "tile/0/000", "tile/1/x001/234.p/17", "tile/entries/273.p/112", "tile/63/x001/x234/067",
    ])
    func parses(_ path: String) throws {
        let (tile, kind) = try #require(TileID.parse(path: path))
        #expect((kind == .entries ? tile.entriesPath : tile.path) == path)
    }

    @Test("non-canonical or malformed tile paths are refused", arguments: [
        "tile/0/0", "tile/0/0000", "tile/0/x000/001", "tile/0/001.p/0", "tile/0/001.p/256", "tile/0/001.p/01",
        "tile/64/000", "tile/-1/000", "tile/8/data/000", "tile/0/001/002", "tile/0/x1/000", "tile/0", "tiles/0/000",
        "tile/0/000.p", "tile/entries/000.p/", "tile/0/x999/x999/x999/x999/x999/x999/999", "tile/00/000",
    ])
    func refuses(_ path: String) {
        #expect(TileID.parse(path: path) == nil)
    }

    @Test("a tile exists for a tree size only within it")
    func tileForSize() {
        #expect(TileLayout.tile(level: 0, index: 273, treeSize: 70_000)?.width == 112)
        #expect(TileLayout.tile(level: 0, index: 274, treeSize: 70_000) == nil)
        #expect(TileLayout.tile(level: 2, index: 0, treeSize: 70_000)?.width == 1)
        #expect(TileLayout.tile(level: 3, index: 0, treeSize: 70_000) == nil)
    }

    @Test("entry bundles round-trip, and a truncated bundle is refused")
    func bundles() throws {
        let bundle = EntryBundle(entries: [[], [1, 2, 3], Array(repeating: 9, count: 65_535)])
        let bytes = bundle.bytes
        #expect(bytes.prefix(7) == [0, 0, 0, 3, 1, 2, 3])
        #expect(EntryBundle(bytes: bytes) == bundle)
        #expect(EntryBundle(bytes: bytes.dropLast()) == nil)
        #expect(EntryBundle(bytes: [0]) == nil)
    }
}
