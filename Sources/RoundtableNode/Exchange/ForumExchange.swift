import Crypto
import Foundation
public import RoundtableDomain
public import RoundtableExchange
public import RoundtableJSON
import Synchronization
import TransparencyLog

/// The exchange's rules between TAXII and the store: adding an envelope's objects (validation, TLP, duplicates,
/// the node's `exchange` act with the objects in its transaction) and reading pages under the TLP policy.
///
/// One per node (``ForumNode/exchange``), for the node's lifetime: it owns the order of the exchange's writes, the
/// latest `date_added` it gave, and the secret that authenticates paging cursors.
public final class ForumExchange<Store: ForumStore>: Sendable {
    /// The outcome of adding an envelope: what the status resource lists.
    public struct Added: Sendable {
        /// Objects added, or already stored identically: (id, version).
        public var successes: [(id: String, version: String)] = []
        /// Objects refused: (id, version, why).
        public var failures: [(id: String, version: String, message: String)] = []
    }

    /// A page of visible object versions.
    public struct Page: Sendable {
        /// The versions, ascending by `date_added`.
        public let objects: [ExchangeObjectRecord]
        /// Whether more visible versions follow.
        public let more: Bool
    }

    /// Authenticates the paging tokens (`next`) of TAXII pages.
    public let cursor: PageCursor
    private let store: Store
    private let nodeActs: NodeActs<Store>
    /// Runs the writes one at a time, so that duplicate checks, `date_added` values and commits keep one order.
    private let writes = SerialRunner()
    /// The latest `date_added` given to an object, in microseconds: each new one is later.
    private let lastDateAdded: Mutex<Int64>
    /// The time now, in microseconds since 1970.
    private let clock: @Sendable () -> Int64

    /// Creates the exchange of a node.
    /// - Parameters:
    ///   - store: The node's store.
    ///   - nodeActs: Writes the node's `exchange` acts.
    ///   - lastDateAdded: The latest `date_added` in the store.
    ///   - cursorSecret: The store's secret for paging cursors.
    ///   - clock: The time now, in microseconds since 1970.
    init(
        store: Store, nodeActs: NodeActs<Store>, lastDateAdded: Int64, cursorSecret: [UInt8],
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1_000_000) }
    ) {
        self.store = store
        self.nodeActs = nodeActs
        self.lastDateAdded = Mutex(lastDateAdded)
        self.cursor = PageCursor(secret: cursorSecret)
        self.clock = clock
    }

    /// Takes on the latest `date_added` another front-end stored, so that the objects this one adds come after it.
    /// - Parameter stored: The latest `date_added` in the store.
    func adopt(lastDateAdded stored: Int64) {
        lastDateAdded.withLock { $0 = max($0, stored) }
    }

    /// Validates an envelope's objects and adds the valid ones to a collection, recording them in the log, and
    /// stores the envelope's TAXII status resource in the same transaction.
    /// - Parameters:
    ///   - objects: The envelope's `objects`.
    ///   - collection: The collection.
    ///   - submitter: The member adding them.
    ///   - statusID: The id of the status resource, which the member reads at `status/{id}/`.
    /// - Returns: The status resource.
    /// - Throws: ``ExchangeError`` when the envelope is refused as a whole; the store's or the node's errors.
    public func add(_ objects: [JSONValue], to collection: CollectionDefinition, by submitter: MemberID, statusID: String) async throws -> [UInt8] {
        let requested = clock()
        let state = nodeActs.state
        var validated: [Result<(STIXObject, [UInt8], [MemberID]), STIXError>] = []
        var refusals: [String] = []
        let defined = Set(objects.compactMap { $0["type"]?.string == "marking-definition" ? $0["id"]?.string : nil })
        for json in objects {
            do throws(STIXError) {
                let object = try STIXValidator.validate(json)
                let recipients = (object.recipients ?? []).map { text in (text, try? MemberID(text)) }
                if let refusal = TLPPolicy.refusal(for: object, defined: defined) {
                    refusals.append("\(object.id): \(refusal)")
                } else if let stranger = recipients.first(where: { $0.1.map { state.members[$0] == nil } ?? true }) {
                    refusals.append("\(object.id): x_roundtable_recipients names \(stranger.0), who is not a member of this forum")
                }
                validated.append(.success((object, json.serialized, recipients.compactMap(\.1))))
            } catch {
                validated.append(.failure(error))
            }
        }
        // What the TLP policy refuses is refused for the whole envelope, so that a sender who marked something wrongly
        // learns it before anything of the envelope is shared.
        guard refusals.isEmpty else {
            throw ExchangeError(.refusedByPolicy, "nothing of this envelope was stored: " + Self.list(refusals))
        }
        guard validated.contains(where: { (try? $0.get()) != nil }) else {
            let failures = zip(objects, validated).map { json, result in
                "\(json["id"]?.string ?? "(no id)"): \(result.failureMessage ?? "")"
            }
            throw ExchangeError(.noValidObject, "nothing was stored: " + Self.list(failures))
        }
        // From the duplicate check to the commit, one envelope at a time: a version is never stored twice, and
        // `date_added` values are committed in increasing order, so a reader paging by them never skips one.
        let checked = validated
        return try await writes.run {
            try await self.record(objects, checked, in: collection, by: submitter) { added in
                (id: Self.statusKey(statusID, of: submitter), json: added.status(id: statusID, requested: requested, total: objects.count))
            }
        }
    }

    private func record(
        _ objects: [JSONValue], _ validated: [Result<(STIXObject, [UInt8], [MemberID]), STIXError>], in collection: CollectionDefinition,
        by submitter: MemberID, status: (Added) -> (id: String, json: [UInt8])
    ) async throws -> [UInt8] {
        var added = Added()
        var accepted: [(object: STIXObject, bytes: [UInt8], level: TLPLevel, recipients: [MemberID])] = []
        func key(_ object: STIXObject) -> ExchangeObjectKey {
            ExchangeObjectKey(collection: collection.id, objectID: object.id, versionMicros: object.version?.microseconds ?? 0)
        }
        let valid = validated.compactMap { try? $0.get().0 }
        // Only ids this member already owns can have stored versions to compare with: an id without an owner was never
        // added, and another member's is refused. So a new object costs one look-up, not two.
        let owners = try await store.owners(of: Set(valid.map(\.id)))
        let owned = valid.filter { owners[$0.id] == submitter }.map(key)
        var stored = owned.isEmpty ? [:] : try await store.storedJSON(owned)
        for (json, result) in zip(objects, validated) {
            let version = json["modified"]?.string ?? json["created"]?.string ?? ""
            switch result {
            case .failure(let error):
                added.failures.append((json["id"]?.string ?? "(no id)", version, error.message))
            case .success(let (object, bytes, recipients)):
                // Another member's id: the same failure whether or not this member may read that object, so that it
                // learns only that the id is taken (docs/exchange.md).
                if let owner = owners[object.id], owner != submitter {
                    added.failures.append((object.id, version, Self.idTaken(object.id)))
                    continue
                }
                if let existing = stored[key(object)] {
                    if existing == bytes {
                        added.successes.append((object.id, version))
                    } else {
                        added.failures.append(
                            (object.id, version, "a different object with id \(object.id) and version \(version) is already stored")
                        )
                    }
                    continue
                }
                stored[key(object)] = bytes
                let level = TLPLevel.strictest(of: object.allMarkingRefs) ?? TLPLevel.allCases.first { $0.value == collection.defaultTLP } ?? .amber
                accepted.append((object, bytes, level, recipients))
                added.successes.append((object.id, version))
            }
        }
        let resource = status(added)
        guard !accepted.isEmpty else {
            try await store.storeStatus(id: resource.id, json: resource.json)
            return resource.json
        }
        let now = clock()
        let first = lastDateAdded.withLock { last in
            let first = max(now, last + 1)
            last = first + Int64(accepted.count) - 1
            return first
        }
        let rows = accepted.enumerated().map { offset, entry in
            ExchangeObjectRecord(
                collection: collection.id, objectID: entry.object.id, version: entry.object.version?.text ?? "",
                versionMicros: entry.object.version?.microseconds ?? 0, dateAdded: first + Int64(offset), type: entry.object.type,
                specVersion: entry.object.specVersion, tlp: entry.level.rawValue, recipients: entry.recipients, submitter: submitter,
                json: entry.bytes, salt: entry.level <= .green ? nil : SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }, logIndex: 0)
        }
        let lines = rows.map { $0.line(.add, by: submitter) }
        _ = try await nodeActs.perform(.exchange(ExchangeRecord(collection: collection.id, lines: lines))) { index in
            [.objectsAdded(rows.map { $0.recorded(at: index) }), .statusStored(id: resource.id, json: resource.json)]
        }
        return resource.json
    }

    /// Deletes object versions from a collection, recording the deletion in the log like the addition.
    /// - Parameters:
    ///   - rows: The versions to delete.
    ///   - collection: The collection.
    ///   - member: The member deleting them.
    /// - Throws: ``ExchangeError`` (`not_owner`) when another member first added one of the objects; nothing is deleted.
    public func delete(_ rows: [ExchangeObjectRecord], from collection: CollectionDefinition, by member: MemberID) async throws {
        let lines = rows.map { $0.line(.delete, by: member) }
        let owners = try await store.owners(of: Set(rows.map(\.objectID)))
        if let taken = rows.first(where: { owners[$0.objectID].map { $0 != member } ?? false }) {
            throw ExchangeError(
                .notOwner, "\(taken.objectID) was added by another member: only the member that first added an object may delete it")
        }
        let keys = rows.map { ExchangeObjectKey(collection: $0.collection, objectID: $0.objectID, versionMicros: $0.versionMicros) }
        let record = ExchangeRecord(collection: collection.id, lines: lines)
        _ = try await writes.run {
            try await self.nodeActs.perform(.exchange(record)) { _ in [.objectsDeleted(keys)] }
        }
    }

    /// The next page of versions a reader may see, after the query's `addedAfter`, at most `limit`.
    /// - Parameters:
    ///   - query: The query; its `addedAfter` and `limit` are replaced while scanning.
    ///   - reader: Who reads.
    ///   - collection: The collection.
    ///   - limit: The page size.
    public func page(_ query: ExchangeQuery, reader: TLPPolicy.Reader, collection: CollectionDefinition, limit: Int) async throws -> Page {
        var visible: [ExchangeObjectRecord] = []
        var scan = query
        scan.limit = max(limit + 1, 256)
        var scanned = 0
        let inAudience = collection.isAudience(reader)
        scan.visibility = TLPPolicy.visibility(of: reader, inAudience: inAudience)
        while visible.count <= limit {
            let rows = try await store.objects(scan)
            for row in rows where visible.count <= limit {
                let marking = TLPPolicy.Marking(level: TLPLevel(rawValue: row.tlp) ?? .red, recipients: Set(row.recipients), submitter: row.submitter)
                if TLPPolicy.mayRead(reader, marking, inAudience: inAudience) { visible.append(row) }
            }
            guard rows.count == scan.limit, let last = rows.last else { break }
            scanned += rows.count
            scan.addedAfter = last.dateAdded
            scan.limit = Self.nextScan(missing: limit + 1 - visible.count, visible: visible.count, scanned: scanned)
        }
        let more = visible.count > limit
        return Page(objects: Array(visible.prefix(limit)), more: more)
    }

    /// The status resource of an envelope a member added, or `nil`: a member reads its own statuses only.
    /// - Parameters:
    ///   - id: The status resource's id.
    ///   - member: The member asking.
    public func status(_ id: String, of member: MemberID) async throws -> [UInt8]? {
        try await store.status(id: Self.statusKey(id, of: member))
    }

    /// Where a member's status resource is stored: under the member's id, so that no other member finds it.
    static func statusKey(_ id: String, of member: MemberID) -> String { "\(member)/\(id)" }

    /// The failure for an object whose id another member first added: the same whether or not the submitter may read
    /// that member's object.
    static func idTaken(_ id: String) -> String {
        "the id \(id) belongs to another member's object: only the member that first added an id may add versions of it; "
            + "give a new object a new id"
    }

    /// Up to ten problems, one after another, and how many more there were.
    static func list(_ problems: [String]) -> String {
        problems.prefix(10).joined(separator: "; ") + (problems.count > 10 ? "; and \(problems.count - 10) more" : "")
    }

    /// How many rows to read next when `missing` visible rows are still wanted: as many as the share visible so far
    /// suggests, with a margin, so that a reader who sees most rows does not read a whole page of rows it then drops.
    static func nextScan(missing: Int, visible: Int, scanned: Int) -> Int {
        let share = max(Double(visible) / Double(max(scanned, 1)), 0.01)
        return min(max(Int((Double(missing) / share * 1.25).rounded(.up)) + 16, 64), 10_000)
    }
}

extension Result where Failure == STIXError {
    /// The failure's message, if it is one.
    var failureMessage: String? {
        if case .failure(let error) = self { error.message } else { nil }
    }
}
