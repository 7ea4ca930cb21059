public import RoundtableDomain
import TransparencyLog

/// A forum store held in memory, for tests. It applies changes with the same ``ForumState/apply(_:)`` the node uses.
public actor InMemoryForumStore: ForumStore {
    private var state: ForumState?
    private var entries: [[UInt8]] = []
    private var documents: [[UInt8]: StoredDocument] = [:]
    var exchangeObjects: [ExchangeObjectKey: ExchangeObjectRecord] = [:]
    var statuses: [String: [UInt8]] = [:]
    /// The member that first added each object id.
    var exchangeOwners: [String: MemberID] = [:]
    private(set) var storedTiles: [TileKey: [TreeHash]] = [:]
    private(set) var tree = IntegratedTree(size: 0, root: .emptyTree)
    /// Every checkpoint published, oldest first.
    public private(set) var checkpoints: [[UInt8]] = []
    /// When the latest checkpoint was stored.
    public private(set) var checkpointTime: Timestamp?
    /// Each stored checkpoint's tree size and signing time, in the order stored.
    var checkpointTimes: [(size: UInt64, at: Timestamp)] = []
    /// The cosigned checkpoints, by size.
    var cosigned: [UInt64: WitnessedCheckpoint] = [:]
    /// When set, the next writes (appends, documents, TAXII statuses) fail with this error, as a full disk would.
    public var failure: (any Error)?
    /// How many appends the store took: one per commit of the node.
    public private(set) var appends = 0
    /// The secret that authenticates paging cursors, made on first use.
    var secret: [UInt8]?
    private var communication: [CommunicationRecord] = []
    private var attempts: [DeliveryAttempt] = []

    /// An append refused because an entry is longer than a C2SP entry bundle holds; nothing was written.
    public struct EntryTooLarge: Error, Hashable {
        /// The entry's length in bytes.
        public let size: Int
    }

    /// Creates an empty store, or one that already holds a forum in the given state.
    /// - Parameters:
    ///   - state: The forum's state, if the store should hold one.
    ///   - entries: The log entries already written.
    public init(state: ForumState? = nil, entries: [[UInt8]] = []) {
        self.state = state
        self.entries = entries
    }

    /// Makes later writes fail, or succeed again with `nil`.
    public func setFailure(_ error: (any Error)?) { failure = error }

    public func loadState() async throws -> ForumState? { state }

    public func append(_ records: [ActRecord], at index: UInt64) async throws {
        if let failure { throw failure }
        guard index == UInt64(entries.count) else { throw AppendOutOfStep(expected: index, stored: UInt64(entries.count)) }
        if let large = records.first(where: { $0.entry.count > EntryBundle.maximumEntrySize }) { throw EntryTooLarge(size: large.entry.count) }
        appends += 1
        for record in records {
            entries.append(record.entry)
            if state == nil, case .forumCreated(let origin, let name, let nodeKey) = record.changes.first {
                state = ForumState(origin: origin, name: name, nodeKey: nodeKey, nodeSequence: 0, members: [])
            }
            state?.apply(record.changes)
            for change in record.changes {
                switch change {
                case .objectsAdded(let objects):
                    for object in objects {
                        if exchangeOwners[object.objectID] == nil { exchangeOwners[object.objectID] = object.submitter }
                        exchangeObjects[
                            ExchangeObjectKey(collection: object.collection, objectID: object.objectID, versionMicros: object.versionMicros)
                        ] = object
                    }
                case .objectsDeleted(let keys): for key in keys { exchangeObjects[key] = nil }
                case .statusStored(let id, let json): statuses[id] = json
                case .communicationRecorded(let record): communication.append(record)
                case .contactSet, .contactRemoved, .checkAsked, .checkRecorded, .requestRecorded, .deliveryRecorded: break
                case .forumCreated, .memberAdmitted, .sequenceAdvanced, .keyAdded, .keyRevoked, .tokenAdded, .tokenRevoked, .statusChanged,
                    .proposalRecorded, .voteRecorded, .rulesAdopted, .nodeClock, .collectionDefined, .witnessAdded,
                .witnessRetired:
                    break
                }
            }
        }
    }

    public func entry(at index: UInt64) async throws -> [UInt8]? {
        index < entries.count ? entries[Int(index)] : nil
    }

    public func entryCount() async throws -> UInt64 { UInt64(entries.count) }

    public func store(_ document: StoredDocument) async throws {
        if let failure { throw failure }
        if documents[document.sha256] == nil { documents[document.sha256] = document }
    }

    public func document(_ sha256: [UInt8]) async throws -> StoredDocument? { documents[sha256] }

    public func communicationRecords(withDocuments documents: Bool) async throws -> [CommunicationRecord] {
        documents ? communication : communication.map { record in
            guard case .sealed(let index, _, let recipients) = record else { return record }
            return .sealed(index: index, document: nil, recipients: recipients)
        }
    }

    public func communicationRecords(fromAct index: UInt64) async throws -> [CommunicationRecord] {
        communication.filter { $0.actIndex >= index }
    }

    public func sealedDocument(committedAt index: UInt64) async throws -> [UInt8]? {
        for case .sealed(index, let document?, _) in communication { return document }
        return nil
    }

    public func recordDeliveryAttempts(_ attempts: [DeliveryAttempt]) async throws {
        if let failure { throw failure }
        self.attempts += attempts
    }

    public func deliveryAttempts(forAct index: UInt64) async throws -> [DeliveryAttempt] { attempts.filter { $0.act == index } }

    var allEntries: [[UInt8]] { entries }

    func record(_ integration: TileBuilder.Integration) {
        storedTiles.merge(integration.tiles) { $1 }
        tree = IntegratedTree(size: integration.size, root: integration.root)
    }

    func addCheckpoint(_ note: [UInt8], size: UInt64, at time: Timestamp) {
        checkpoints.append(note)
        checkpointTimes.append((size, time))
        checkpointTime = time
    }
}
