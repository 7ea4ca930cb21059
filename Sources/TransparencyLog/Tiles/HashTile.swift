/// The content of a hash tile: up to 256 concatenated 32-byte hashes.
public struct HashTile: Hashable, Sendable {
    /// The hashes, in order.
    public var hashes: [TreeHash]

    /// Wraps hashes.
    public init(hashes: [TreeHash]) { self.hashes = hashes }

    /// Parses a tile's bytes.
    /// - Parameter bytes: A multiple of 32 bytes, at most 8,192.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count % TreeHash.byteCount == 0, bytes.count <= TileID.fullWidth * TreeHash.byteCount else { return nil }
        let array = Array(bytes)
        hashes = stride(from: 0, to: array.count, by: TreeHash.byteCount).map { TreeHash(array[$0..<($0 + TreeHash.byteCount)]) }
    }

    /// The tile's bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hashes.count * TreeHash.byteCount)
        for hash in hashes { hash.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }
}
