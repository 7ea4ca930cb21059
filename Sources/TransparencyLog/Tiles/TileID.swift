/// A C2SP tlog-tiles tile: `tile/<L>/<N>[.p/<W>]` for hashes, `tile/entries/<N>[.p/<W>]` for entry bundles.
///
/// Tile `N` at level `L` holds, for `i` in `0..<W`, the root of the complete subtree of `256^L` leaves starting at
/// leaf `(N·256 + i)·256^L`. A full tile has width 256; a partial tile, the right edge of a tree, fewer.
public struct TileID: Hashable, Sendable, CustomStringConvertible {
    /// Hashes per full tile.
    public static let fullWidth = 256
    /// The tree levels one tile spans.
    public static let height = 8

    /// The tile level, 0 for leaf hashes (and entry bundles).
    public let level: Int
    /// The tile's index within its level.
    public let index: UInt64
    /// The number of hashes (or entries): 256 for a full tile, 1–255 for a partial one.
    public let width: Int

    /// Creates a tile identifier.
    /// - Parameters:
    ///   - level: The tile level, 0–63.
    ///   - index: The tile's index within its level.
    ///   - width: 1–256.
    public init(level: Int, index: UInt64, width: Int = TileID.fullWidth) {
        precondition((0...63).contains(level) && (1...Self.fullWidth).contains(width), "no such tile")
        self.level = level
        self.index = index
        self.width = width
    }

    /// Whether the tile holds all 256 hashes.
    public var isFull: Bool { width == Self.fullWidth }

    /// The hash tile's path below the log prefix, for example `tile/1/x001/234.p/17`.
    public var path: String { "tile/\(level)/" + Self.encode(index) + partialSuffix }

    /// The entry bundle's path below the log prefix, for example `tile/entries/273.p/112`; for level-0 tiles.
    public var entriesPath: String { "tile/entries/" + Self.encode(index) + partialSuffix }

    public var description: String { path }

    private var partialSuffix: String { isFull ? "" : ".p/\(width)" }

    /// Writes a tile index as 3-digit groups, all but the last prefixed `x`: 1234067 → `x001/x234/067`.
    public static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            rest /= 1000
        } while rest > 0
        return groups.reversed().enumerated().map { $0.offset < groups.count - 1 ? "x" + $0.element : $0.element }
            .joined(separator: "/")
    }
}
