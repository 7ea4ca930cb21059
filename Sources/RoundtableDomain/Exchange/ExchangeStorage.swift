/// Which versions of each object a query returns (TAXII `match[version]`).
public enum VersionMatch: Hashable, Sendable {
    /// The newest version of each object (the default): the largest version timestamp stored, whatever order the
    /// versions were added in; once it is deleted, the newest that remains.
    case last
    /// The oldest version of each object: the smallest version timestamp stored; once it is deleted, the oldest that
    /// remains.
    case first
    /// Every version.
    case all
    /// The versions with these timestamps, in microseconds since 1970.
    case exact(Set<Int64>)

    /// Whether it names exact versions.
    public var isExact: Bool { if case .exact = self { true } else { false } }
}

/// A query over one collection's stored object versions, in ascending `date_added` order.
public struct ExchangeQuery: Hashable, Sendable {
    /// The collection's id.
    public var collection: String
    /// Only versions added strictly after this moment (microseconds since 1970).
    public var addedAfter: Int64?
    /// Only these object ids (any, when `nil`).
    public var objectIDs: Set<String>?
    /// Only these types (any, when `nil`).
    public var types: Set<String>?
    /// Which versions of each object.
    public var versions: VersionMatch
    /// Only these spec versions (any, when `nil`).
    public var specVersions: Set<String>?
    /// The most rows to return.
    public var limit: Int
    /// Only versions that pass this condition (any, when `nil`): a reader's necessary condition, to which the node
    /// applies the reader's exact TLP policy after the store.
    public var visibility: ExchangeVisibility?

    /// Creates a query.
    public init(
        collection: String, addedAfter: Int64? = nil, objectIDs: Set<String>? = nil, types: Set<String>? = nil, versions: VersionMatch = .last,
        specVersions: Set<String>? = nil, limit: Int, visibility: ExchangeVisibility? = nil
    ) {
        self.collection = collection
        self.addedAfter = addedAfter
        self.objectIDs = objectIDs
        self.types = types
        self.versions = versions
        self.specVersions = specVersions
        self.limit = limit
        self.visibility = visibility
    }
}

/// Durable storage of the exchange's objects and status resources: the exchange's concern of a ``ForumStore``.
/// Objects are written only through the changes of the node's `exchange` acts (``ForumChange/objectsAdded(_:)``,
/// ``ForumChange/objectsDeleted(_:)``), in the same transaction as the act.
public protocol ExchangeStorage: Sendable {
    /// Stored object versions matching a query, ascending by `date_added`.
    func objects(_ query: ExchangeQuery) async throws -> [ExchangeObjectRecord]

    /// The owner of each of these object ids that was ever added, in any collection: the member that first added it,
    /// the only one who may add versions of the object or delete them. Deleting versions does not change it.
    func owners(of objectIDs: Set<String>) async throws -> [String: MemberID]

    /// The JSON of each of these versions that is stored (one read for a whole envelope's duplicate check).
    func storedJSON(_ keys: [ExchangeObjectKey]) async throws -> [ExchangeObjectKey: [UInt8]]

    /// The latest `date_added` of any stored object, 0 when none.
    func latestDateAdded() async throws -> Int64

    /// How many object versions each collection holds, by the day they were added and their TLP level; only
    /// non-zero counts, in order of collection, day and level.
    func exchangeCounts() async throws -> [ExchangeCount]

    /// Stores a TAXII status resource.
    func storeStatus(id: String, json: [UInt8]) async throws

    /// A stored TAXII status resource.
    func status(id: String) async throws -> [UInt8]?

    /// A secret of 32 random bytes, created once and kept, that authenticates paging cursors.
    func cursorSecret() async throws -> [UInt8]
}

/// How many object versions of one collection, added on one day, carry one TLP level.
public struct ExchangeCount: Hashable, Sendable {
    /// What is counted.
    public struct Key: Hashable, Sendable {
        /// The collection's id.
        public let collection: String
        /// The day the versions were added, in days since 1970-01-01 (UTC).
        public let day: Int64
        /// The TLP level's rank, as ``ExchangeObjectRecord/tlp`` stores it.
        public let tlp: Int

        /// Microseconds in a day: a version added at `date_added` counts on day `date_added / microsecondsPerDay`.
        public static let microsecondsPerDay: Int64 = 86_400_000_000

        /// Creates a key.
        public init(collection: String, day: Int64, tlp: Int) {
            self.collection = collection
            self.day = day
            self.tlp = tlp
        }

        /// The key under which a version added at `dateAdded` (microseconds since 1970) is counted.
        public init(collection: String, dateAdded: Int64, tlp: Int) {
            self.init(collection: collection, day: dateAdded / Self.microsecondsPerDay, tlp: tlp)
        }
    }

    /// What is counted.
    public let key: Key
    /// How many versions.
    public let count: Int

    /// Creates a count.
    public init(key: Key, count: Int) {
        self.key = key
        self.count = count
    }
}
