/// Reads structured values from a fuzz input, front to back, for the targets that build their inputs (a tree, a query, a
/// tile) rather than parse the bytes as they come. Once the bytes run out every read gives zero or nothing, so any input
/// is a valid sequence of values and a longer input only adds detail.
public struct FuzzBytes {
    private var bytes: ArraySlice<UInt8>

    /// Wraps an input.
    /// - Parameter bytes: The fuzz input.
    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    /// Whether every byte has been read.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The next byte, or 0.
    public mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// Whether the next byte is odd.
    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// The next 8 bytes as a big-endian number (missing bytes count as 0).
    public mutating func uint64() -> UInt64 { (0..<8).reduce(UInt64(0)) { value, _ in value << 8 | UInt64(byte()) } }

    /// A number in `0..<bound` from the next two bytes.
    /// - Parameter bound: At least 1.
    public mutating func int(below bound: Int) -> Int { (Int(byte()) << 8 | Int(byte())) % bound }

    /// The next `count` bytes, fewer if the input ends first.
    /// - Parameter count: How many bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        let taken = Array(bytes.prefix(count))
        bytes = bytes.dropFirst(count)
        return taken
    }

    /// Exactly `count` bytes: the next ones, then zeros if the input ends first.
    /// - Parameter count: How many bytes.
    public mutating func padded(_ count: Int) -> [UInt8] {
        let taken = bytes(count)
        return taken + [UInt8](repeating: 0, count: count - taken.count)
    }

    /// A length byte (at most `limit`), then that many bytes.
    /// - Parameter limit: The longest result.
    public mutating func chunk(upTo limit: Int) -> [UInt8] { bytes(Int(byte()) % (limit + 1)) }

    /// A string of at most `limit` bytes (``chunk(upTo:)``, invalid UTF-8 repaired).
    /// - Parameter limit: The longest result, in bytes before repair.
    public mutating func string(upTo limit: Int) -> String { String(decoding: chunk(upTo: limit), as: UTF8.self) }

    /// Every byte not read yet.
    public mutating func rest() -> [UInt8] {
        defer { bytes = [] }
        return Array(bytes)
    }
}
