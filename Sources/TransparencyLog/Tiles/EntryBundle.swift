/// A C2SP entry bundle: each entry as a big-endian `uint16` length followed by its bytes.
public struct EntryBundle: Hashable, Sendable {
    /// The largest entry a bundle can hold.
    public static let maximumEntrySize = 65_535

    /// The entries, in log order.
    public var entries: [[UInt8]]

    /// Wraps entries, each at most 65,535 bytes.
    public init(entries: [[UInt8]]) {
        precondition(entries.allSatisfy { $0.count <= Self.maximumEntrySize }, "an entry is at most 65,535 bytes")
        self.entries = entries
    }

    /// Parses a bundle's bytes.
    /// - Parameter bytes: The bundle.
    /// - Returns: `nil` when a length prefix runs past the end.
    public init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < array.count {
            guard offset + 2 <= array.count else { return nil }
            let length = Int(array[offset]) << 8 | Int(array[offset + 1])
            offset += 2
            guard offset + length <= array.count else { return nil }
            entries.append(Array(array[offset..<(offset + length)]))
            offset += length
        }
        self.entries = entries
    }

    /// The bundle's bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + 2 + $1.count })
        for entry in entries {
            out.append(UInt8(entry.count >> 8))
            out.append(UInt8(entry.count & 0xFF))
            out.append(contentsOf: entry)
        }
        return out
    }
}
