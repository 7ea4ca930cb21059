#if canImport(Glibc)
import Glibc
#endif
import FuzzDriver
import TransparencyLog

/// libFuzzer target: tile and entry-bundle paths (c2sp.org/tlog-tiles, `tile/<L>/<N>[.p/<W>]` and
/// `tile/entries/<N>[.p/<W>]`), which the node parses from every tile request.
///
/// - A path that parses is the canonical path of the tile it names: written back, it is the input itself.
/// - A tile of fuzz-chosen level, index and width writes paths that parse back to that tile.
/// - An index written in 3-digit groups, also just around 2^64, parses to its value exactly when the value fits in
///   64 bits, and is refused (not a crash) when it does not.
func fuzzTilePath(_ bytes: [UInt8]) {
    if let path = String(validating: bytes, as: UTF8.self), let (tile, kind) = TileID.parse(path: path) {
        let written = kind == .entries ? tile.entriesPath : tile.path
        guard written == path else { fatalError("the path \(path.debugDescription) parses to a tile written \(written)") }
    }
    var input = FuzzBytes(bytes)
    let tile = TileID(level: Int(input.byte() % 64), index: input.uint64(), width: Int(input.byte()) + 1)
    guard let (hashes, hashKind) = TileID.parse(path: tile.path), hashes == tile, hashKind == .hashes else {
        fatalError("the tile path \(tile.path) does not parse back to its tile")
    }
    let bundle = TileID(level: 0, index: tile.index, width: tile.width)
    guard let (entries, entryKind) = TileID.parse(path: bundle.entriesPath), entries == bundle, entryKind == .entries else {
        fatalError("the bundle path \(bundle.entriesPath) does not parse back to its tile")
    }
    checkGroups(&input)
}

/// Writes a fuzz-chosen number, often within a thousand of 2^64, as a tile index and checks what the parser makes of it.
private func checkGroups(_ input: inout FuzzBytes) {
    let nearLimit = input.bool()
    let value = nearLimit ? UInt128(UInt64.max) - 1_000 + UInt128(input.int(below: 2_000)) : UInt128(input.uint64()) << (input.byte() % 8)
    let width = input.bool() ? TileID.fullWidth : Int(input.byte() % 255) + 1
    let path = "tile/0/" + groups(value) + (width == TileID.fullWidth ? "" : ".p/\(width)")
    let parsed = TileID.parse(path: path)
    if value > UInt128(UInt64.max) {
        guard parsed == nil else { fatalError("the index \(value), beyond 2^64 - 1, parses: \(path)") }
    } else {
        guard let (tile, _) = parsed, tile == TileID(level: 0, index: UInt64(value), width: width) else {
            fatalError("the path \(path) does not parse to index \(value)")
        }
    }
}

/// A number in tlog-tiles' 3-digit groups, all but the last prefixed `x` (`x001/x234/067`), however large.
private func groups(_ value: UInt128) -> String {
    var groups: [String] = []
    var rest = value
    repeat {
        let group = String(rest % 1_000)
        groups.append(String(repeating: "0", count: 3 - group.count) + group)
        rest /= 1_000
    } while rest > 0
    return groups.reversed().enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }.joined(separator: "/")
}

@main
enum Main {
    static func main() {
        exit(runFuzzer { data, count in
            fuzzTilePath(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
            return 0
        })
    }
}
