public import RoundtableDomain

extension InMemoryForumStore: ExchangeStorage {
    public func objects(_ query: ExchangeQuery) async throws -> [ExchangeObjectRecord] {
        let versions = Dictionary(grouping: exchangeObjects.values.filter { $0.collection == query.collection }, by: \.objectID)
        func selected(_ object: ExchangeObjectRecord) -> Bool {
            let all = versions[object.objectID]!.map(\.versionMicros)
            switch query.versions {
            case .last: return object.versionMicros == all.max()
            case .first: return object.versionMicros == all.min()
            case .all: return true
            case .exact(let wanted): return wanted.contains(object.versionMicros)
            }
        }
        return Array(
            exchangeObjects.values.filter { object in
                object.collection == query.collection && query.addedAfter.map { object.dateAdded > $0 } ?? true
                    && query.objectIDs.map { $0.contains(object.objectID) } ?? true && query.types.map { $0.contains(object.type) } ?? true
                    && query.specVersions.map { $0.contains(object.specVersion) } ?? true && selected(object)
                    && query.visibility.map { $0.admits(object) } ?? true
            }
            .sorted { $0.dateAdded < $1.dateAdded }
            .prefix(query.limit))
    }

    public func owners(of objectIDs: Set<String>) async throws -> [String: MemberID] {
        exchangeOwners.filter { objectIDs.contains($0.key) }
    }

    public func storedJSON(_ keys: [ExchangeObjectKey]) async throws -> [ExchangeObjectKey: [UInt8]] {
        keys.reduce(into: [:]) { found, key in found[key] = exchangeObjects[key]?.json }
    }

    public func latestDateAdded() async throws -> Int64 { exchangeObjects.values.map(\.dateAdded).max() ?? 0 }

    public func exchangeCounts() async throws -> [ExchangeCount] {
        let groups = Dictionary(grouping: exchangeObjects.values) {
            ExchangeCount.Key(collection: $0.collection, dateAdded: $0.dateAdded, tlp: $0.tlp)
        }
        return groups.map { ExchangeCount(key: $0.key, count: $0.value.count) }
            .sorted { ($0.key.collection, $0.key.day, $0.key.tlp) < ($1.key.collection, $1.key.day, $1.key.tlp) }
    }

    public func storeStatus(id: String, json: [UInt8]) async throws {
        if let failure { throw failure }
        statuses[id] = json
    }

    public func status(id: String) async throws -> [UInt8]? { statuses[id] }

    public func cursorSecret() async throws -> [UInt8] {
        if let secret { return secret }
        var generator = SystemRandomNumberGenerator()
        let made = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        secret = made
        return made
    }
}
