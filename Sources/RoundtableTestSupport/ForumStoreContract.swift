public import RoundtableDomain
public import Testing
import TransparencyLog

/// The behaviour every ``ForumStore`` must have, as named checks that a store's test suite runs one by one, each
/// against fresh stores, so that a failure names the behaviour, and the requirements, that broke:
///
/// ```swift
/// @Test("the SQLite store meets the forum store contract", arguments: ForumStoreContract.checks)
/// func contract(_ check: ForumStoreContract.Check) async throws {
///     try await check.run(on: .persistent { name in try SQLiteForumStore(path: "\(directory)/\(name).sqlite") })
/// }
/// ```
///
/// Every requirement of ``ForumStore`` (``Requirement``) is exercised by at least one check.
public enum ForumStoreContract {
    /// Every check, by concern: the log, the saved state and documents, the exchange, and reopening.
    public static var checks: [Check] { logChecks + stateChecks + exchangeChecks + persistenceChecks + communicationChecks }

    /// How a check opens stores.
    public struct Stores: Sendable {
        /// Whether opening a name again gives back what was written under it (a store on disk).
        public let persist: Bool
        private let opener: @Sendable (String) async throws -> any ForumStore

        /// Stores that persist: opening a name again reopens the store written under it.
        /// - Parameter open: Opens (creating if needed) the store with this name.
        public static func persistent<Store: ForumStore>(_ open: @escaping @Sendable (String) async throws -> Store) -> Stores {
            Stores(persist: true) { try await open($0) }
        }

        /// Stores that do not persist: every call makes a new, empty store.
        /// - Parameter make: Makes a new store.
        public static func fresh<Store: ForumStore>(_ make: @escaping @Sendable () throws -> Store) -> Stores {
            Stores(persist: false) { _ in try make() }
        }

        /// Opens a new, empty store under a name.
        /// - Parameter name: A name no other store of the check uses.
        public func open(_ name: String = "store") async throws -> any ForumStore { try await opener(name) }

        /// Opens again the store written under a name, or `nil` when stores do not persist.
        /// - Parameter name: The name it was opened under.
        public func reopen(_ name: String = "store") async throws -> (any ForumStore)? { persist ? try await opener(name) : nil }
    }

    /// One behaviour of a store, and the requirements it exercises.
    public struct Check: Sendable, CustomTestStringConvertible {
        /// The requirements the check exercises.
        public let requirements: [Requirement]
        /// The behaviour, as a sentence.
        public let behaviour: String
        private let body: @Sendable (Stores) async throws -> Void

        init(_ requirements: [Requirement], _ behaviour: String, _ body: @escaping @Sendable (Stores) async throws -> Void) {
            self.requirements = requirements
            self.behaviour = behaviour
            self.body = body
        }

        /// The requirements and the behaviour, as test reports name the check.
        public var testDescription: String { "\(requirements.map(\.rawValue).joined(separator: ", ")): \(behaviour)" }

        /// Runs the check.
        /// - Parameter stores: How the check opens the stores it needs.
        public func run(on stores: Stores) async throws { try await body(stores) }
    }

    /// A requirement of ``ForumStore`` and of the protocols it composes, named as `Protocol.member`.
    public enum Requirement: String, CaseIterable, Sendable {
        /// `ForumLogStore.append(_:at:)`
        case append = "ForumLogStore.append(_:at:)"
        /// `ForumLogStore.entry(at:)`
        case entry = "ForumLogStore.entry(at:)"
        /// `ForumLogStore.entryCount()`
        case entryCount = "ForumLogStore.entryCount()"
        /// `ForumLogStore.latestCheckpointTime()`
        case latestCheckpointTime = "ForumLogStore.latestCheckpointTime()"
        /// `ForumLogStore.loggingTimes(of:)`
        case loggingTimes = "ForumLogStore.loggingTimes(of:)"
        /// `LogStorage.sequencedSize()`
        case sequencedSize = "LogStorage.sequencedSize()"
        /// `LogStorage.entries(from:limit:)`
        case entries = "LogStorage.entries(from:limit:)"
        /// `LogStorage.entryBundle(_:width:)`
        case entryBundle = "LogStorage.entryBundle(_:width:)"
        /// `LogStorage.integratedTree()`
        case integratedTree = "LogStorage.integratedTree()"
        /// `LogStorage.tiles(_:)`
        case tiles = "LogStorage.tiles(_:)"
        /// `LogStorage.storeIntegration(_:previousSize:)`
        case storeIntegration = "LogStorage.storeIntegration(_:previousSize:)"
        /// `LogStorage.latestCheckpoint()`
        case latestCheckpoint = "LogStorage.latestCheckpoint()"
        /// `LogStorage.storeCheckpoint(_:size:)`
        case storeCheckpoint = "LogStorage.storeCheckpoint(_:size:)"
        /// `ForumLogStore.storeCosignedCheckpoint(_:)`
        case storeCosigned = "ForumLogStore.storeCosignedCheckpoint(_:)"
        /// `ForumLogStore.latestCosignedCheckpoint()`
        case latestCosigned = "ForumLogStore.latestCosignedCheckpoint()"
        /// `ForumLogStore.firstCosignedCheckpoint(including:)`
        case firstCosigned = "ForumLogStore.firstCosignedCheckpoint(including:)"
        /// `ForumLogStore.cosignedCheckpoints(after:limit:)`
        case cosignedList = "ForumLogStore.cosignedCheckpoints(after:limit:)"
        /// `ForumStateStore.loadState()`
        case loadState = "ForumStateStore.loadState()"
        /// `CommunicationStore.communicationRecords(withDocuments:)`
        case communicationRecords = "CommunicationStore.communicationRecords(withDocuments:)"
        /// `CommunicationStore.communicationRecords(fromAct:)`
        case communicationRecordsFromAct = "CommunicationStore.communicationRecords(fromAct:)"
        /// `CommunicationStore.sealedDocument(committedAt:)`
        case sealedDocument = "CommunicationStore.sealedDocument(committedAt:)"
        /// `CommunicationStore.recordDeliveryAttempts(_:)`
        case recordDeliveryAttempts = "CommunicationStore.recordDeliveryAttempts(_:)"
        /// `CommunicationStore.deliveryAttempts(forAct:)`
        case deliveryAttempts = "CommunicationStore.deliveryAttempts(forAct:)"
        /// `DocumentStore.store(_:)`
        case storeDocument = "DocumentStore.store(_:)"
        /// `DocumentStore.document(_:)`
        case document = "DocumentStore.document(_:)"
        /// `ExchangeStorage.objects(_:)`
        case objects = "ExchangeStorage.objects(_:)"
        /// `ExchangeStorage.storedJSON(_:)`
        case storedJSON = "ExchangeStorage.storedJSON(_:)"
        /// `ExchangeStorage.latestDateAdded()`
        case latestDateAdded = "ExchangeStorage.latestDateAdded()"
        /// `ExchangeStorage.exchangeCounts()`
        case exchangeCounts = "ExchangeStorage.exchangeCounts()"
        /// `ExchangeStorage.storeStatus(id:json:)`
        case storeStatus = "ExchangeStorage.storeStatus(id:json:)"
        /// `ExchangeStorage.status(id:)`
        case status = "ExchangeStorage.status(id:)"
        /// `ExchangeStorage.cursorSecret()`
        case cursorSecret = "ExchangeStorage.cursorSecret()"
        /// `ExchangeStorage.owners(of:)`
        case owners = "ExchangeStorage.owners(of:)"
    }
}

extension ForumStoreContract {
    /// Opens a new store and appends the test forum's genesis to it.
    static func forum(_ stores: Stores, _ name: String = "store") async throws -> (store: any ForumStore, state: ForumState, entry: [UInt8]) {
        let store = try await stores.open(name)
        let forum = try TestForum()
        let (state, changes) = try ForumState.genesis(try forum.genesis)
        let entry = try forum.genesis.signed(by: [forum.node]).bytes
        try await store.append([ActRecord(entry: entry, changes: changes)], at: 0)
        return (store, state, entry)
    }

    /// Appends one record with these changes at the end of the log.
    static func appendChanges(_ changes: [ForumChange], to store: any ForumStore) async throws {
        try await store.append([ActRecord(entry: Array("changes\n".utf8), changes: changes)], at: try await store.entryCount())
    }

    /// Distinct entries of varied lengths.
    static func entries(_ range: Range<Int>) -> [[UInt8]] {
        range.map { Array("entry \($0)\n".utf8) + Array(repeating: UInt8(truncatingIfNeeded: $0), count: $0 % 7) }
    }
}
