extension TileID {
    /// What a tile path names.
    public enum Kind: Hashable, Sendable {
        /// A hash tile.
        case hashes
        /// An entry bundle.
        case entries
    }

    /// Parses a path below the log prefix, `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`; only the canonical
    /// form of each path is accepted.
    /// - Parameter path: The path, without a leading slash.
    /// - Returns: The tile and its kind, or `nil` when the path is not a tile path.
    public static func parse(path: some StringProtocol) -> (TileID, Kind)? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map { Substring($0) }
        guard parts.count >= 3, parts.removeFirst() == "tile" else { return nil }
        let levelPart = parts.removeFirst()
        var width = fullWidth
        if parts.count >= 2, parts[parts.count - 2].hasSuffix(".p") {
            guard let parsed = Int(parts.removeLast()), (1..<fullWidth).contains(parsed) else { return nil }
            width = parsed
            parts[parts.count - 1] = parts[parts.count - 1].dropLast(2)
        }
        guard let index = decode(parts) else { return nil }
        let kind: Kind
        let level: Int
        if levelPart == "entries" {
            (kind, level) = (.entries, 0)
        } else {
            guard let parsed = Int(levelPart), (0...63).contains(parsed) else { return nil }
            (kind, level) = (.hashes, parsed)
        }
        let tile = TileID(level: level, index: index, width: width)
        let canonical = kind == .entries ? tile.entriesPath : tile.path
        return canonical == String(path) ? (tile, kind) : nil
    }

    private static func decode(_ groups: [Substring]) -> UInt64? {
        guard !groups.isEmpty, groups.count <= 7 else { return nil }
        var value: UInt64 = 0
        for (offset, group) in groups.enumerated() {
            let digits = offset < groups.count - 1 ? (group.first == "x" ? group.dropFirst() : "") : group
            guard digits.count == 3, digits.allSatisfy(\.isASCIIDigit), let number = UInt64(digits) else { return nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 1000)
            let (sum, carry) = scaled.addingReportingOverflow(number)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
