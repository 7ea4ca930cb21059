import HashTreeCollections

/// A key that belongs to one act of the log: the act's index, or a delivery of a `deliver` act.
public protocol LogIndexed: Hashable, Sendable {
    /// The log index of the act the key belongs to.
    var logIndex: UInt64 { get }
}

extension UInt64: LogIndexed {
    public var logIndex: UInt64 { self }
}

extension DeliveryID: LogIndexed {
    public var logIndex: UInt64 { index }
}

/// A persistent map from keys of log acts to values, for the state that grows with the log: the keys of the acts of
/// one stretch of indexes share a small dictionary, the stretches a hash tree.
///
/// The node commits each batch of acts on a copy of its state while readers hold the last one. A hash tree keyed by the
/// index itself copies a path of nodes for every act a commit adds; here the acts of one batch, which follow each other
/// in the log, fall in the same stretch or two, so a commit copies a path and a small dictionary once per stretch.
///
/// A stretch is 48 indexes: a dictionary holds at most three quarters of its buckets, so a stretch filled with one key
/// per act fits in 64 buckets, where one of 64 indexes would take 128.
public struct LogIndexedMap<Key: LogIndexed, Value: Sendable>: Sendable {
    private static var stretch: UInt64 { 48 }

    private var stretches: TreeDictionary<UInt64, [Key: Value]> = [:]
    /// How many keys the map holds.
    public private(set) var count = 0

    /// Creates an empty map.
    public init() {}

    /// Whether the map holds no key.
    public var isEmpty: Bool { count == 0 }

    /// The value of a key; setting `nil` removes the key.
    public subscript(key: Key) -> Value? {
        get { stretches[key.logIndex / Self.stretch]?[key] }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    /// The value of a key, or `defaultValue` when it has none; changing it stores the key, in place.
    public subscript(key: Key, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        _modify {
            let stretch = key.logIndex / Self.stretch
            if stretches[stretch]?[key] == nil { count += 1 }
            yield &stretches[stretch, default: [:]][key, default: defaultValue()]
        }
    }

    /// The keys that belong to one act.
    /// - Parameter logIndex: The act's log index.
    public func keys(of logIndex: UInt64) -> [Key] { stretches[logIndex / Self.stretch]?.keys.filter { $0.logIndex == logIndex } ?? [] }

    /// Stores a value for a key.
    /// - Returns: The value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let old = stretches[key.logIndex / Self.stretch, default: [:]].updateValue(value, forKey: key)
        if old == nil { count += 1 }
        return old
    }

    /// Removes a key.
    /// - Returns: Its value, if it had one.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let stretch = key.logIndex / Self.stretch
        guard let old = stretches[stretch]?.removeValue(forKey: key) else { return nil }
        count -= 1
        if stretches[stretch]?.isEmpty == true { stretches[stretch] = nil }
        return old
    }

    /// Every key, in no particular order.
    public var keys: [Key] { stretches.values.flatMap(\.keys) }

    /// Every value, in no particular order.
    public var values: [Value] { stretches.values.flatMap(\.values) }
}

extension LogIndexedMap: Equatable where Value: Equatable {
    public static func == (lhs: LogIndexedMap, rhs: LogIndexedMap) -> Bool { lhs.count == rhs.count && lhs.stretches == rhs.stretches }
}

extension LogIndexedMap: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(stretches) }
}

extension LogIndexedMap: Codable where Key: Codable, Value: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        for (key, value) in try [Key: Value](from: decoder) { updateValue(value, forKey: key) }
    }

    public func encode(to encoder: any Encoder) throws {
        try Dictionary(uniqueKeysWithValues: stretches.values.flatMap { $0.map { ($0.key, $0.value) } }).encode(to: encoder)
    }
}
