public import Logging
public import RoundtableDomain
public import TransparencyLog

extension ForumNode {
    /// What a new forum is created with.
    public struct Founding: Sendable {
        /// The forum's name for people.
        public var forumName: String
        /// The founding members.
        public var founders: [Genesis.Founder]
        /// The rules of procedure the forum starts with.
        public var rules: Rules

        /// Creates a founding.
        /// - Parameters:
        ///   - forumName: The forum's name for people.
        ///   - founders: The founding members.
        ///   - rules: The rules of procedure the forum starts with.
        public init(forumName: String, founders: [Genesis.Founder], rules: Rules = .defaults) {
            self.forumName = forumName
            self.founders = founders
            self.rules = rules
        }
    }

    /// Opens the forum in a store and starts writing (``start(setUp:)``), creating the forum with a genesis act when the
    /// store is empty and a founding is given. Tests and tools use this; `roundtable serve` prepares first and starts
    /// once it listens.
    /// - Parameters:
    ///   - store: The store.
    ///   - nodeSigner: The node's key.
    ///   - origin: The forum's origin, from the public URL.
    ///   - founding: The forum to create if the store is empty.
    ///   - logger: Where to report what happened.
    public static func open(
        store: Store,
        nodeSigner: NoteSigner,
        origin: String,
        founding: Founding?,
        logger: Logger
    ) async throws -> ForumNode {
        let node = try await prepare(store: store, nodeSigner: nodeSigner, origin: origin, founding: founding, logger: logger)
        try await node.start()
        return node
    }

    /// Opens the forum in a store without writing to it: ``start(setUp:)`` writes.
    ///
    /// A store that holds a forum is checked first: every entry its tree covers is hashed and matched against the
    /// stored tiles and the latest checkpoint, then the log is replayed. A store changed behind the node's back, or
    /// created by another node key or for another origin, is refused, never silently used or replaced. An empty store
    /// gets a genesis act naming the founders, appended by ``start(setUp:)``.
    /// - Parameters:
    ///   - store: The store.
    ///   - nodeSigner: The node's key.
    ///   - origin: The forum's origin, from the public URL.
    ///   - founding: The forum to create if the store is empty.
    ///   - logger: Where to report what happened.
    /// - Throws: ``ForumNodeError`` saying what is wrong and what to do.
    public static func prepare(
        store: Store,
        nodeSigner: NoteSigner,
        origin: String,
        founding: Founding?,
        logger: Logger
    ) async throws -> ForumNode {
        // On a store shared by several front-ends, another may append while this one reads: the saved state and the
        // replay are compared only when no append came between (the log's size is the same before and after). The
        // state the node keeps is the replay's either way.
        for attempt in 1... {
            let before = try await store.entryCount()
            guard let stored = try await store.loadState() else { break }
            try check(stored, nodeSigner: nodeSigner, origin: origin, founding: founding)
            var (state, count, checked) = try await checkAndReplay(store, logger: logger)
            // What the sealed documents and the checks' nonces say is kept beside the log, not in it. Of the documents,
            // the node keeps in memory only its contacts' current details: it reads those alone.
            let records = try await store.communicationRecords(withDocuments: false).filter { $0.actIndex < count }
            state.apply(records.map { .communicationRecorded($0) })
            for since in state.communication.contacts.values.flatMap(\.values).map(\.since) {
                guard let details = try await store.sealedDocument(committedAt: since) else { continue }
                state.apply([.communicationRecorded(.sealed(index: since, document: details, recipients: nil))])
            }
            if count != before {
                if attempt < 3 { continue }
                logger.notice("The log grew while it was checked (another front-end writes): the saved state was not compared with it")
            } else {
                guard state.members == stored.members, state.nodeSequence == stored.nodeSequence else { throw ForumNodeError.stateDisagreesWithLog }
            }
            logger.info(
                "Reopened forum",
                metadata: [
                    LogKeys.origin: "\(origin)", LogKeys.members: "\(state.members.count)", LogKeys.entries: "\(count)",
                    LogKeys.checkedEntries: "\(checked)",
                ])
            return try ForumNode(
                store: store, nodeSigner: nodeSigner, state: state, entryCount: count,
                exchange: (try await store.latestDateAdded(), try await store.cursorSecret()))
        }
        guard let founding else { throw ForumNodeError.noForum }
        let genesis = try Genesis(
            forumName: founding.forumName, nodeKey: nodeSigner.verifier, founders: founding.founders, rules: founding.rules)
        let logged = try NodeActs<Store>.readBack(Act(origin: origin, actor: .node, sequence: 1, body: .genesis(genesis)), signedBy: nodeSigner)
        let (state, changes) = try ForumState.genesis(logged.act)
        logger.info("Created forum", metadata: [LogKeys.origin: "\(origin)", LogKeys.members: "\(state.members.count)"])
        return try ForumNode(
            store: store, nodeSigner: nodeSigner, state: state, entryCount: 1, exchange: (0, try await store.cursorSecret()),
            genesis: ActRecord(entry: logged.entry, changes: changes))
    }

    /// Matches the stored entries against the stored tree and the latest checkpoint and, in the same pass, rebuilds the
    /// state from them (the governance state lives only in the log), trusting the store's signatures; then replays the
    /// entries sequenced after the tree, which no tile covers yet. An entry that differs, or a rule that fails, means
    /// the store was changed behind the node's back.
    /// - Returns: The state, the number of entries, and how many of them were matched against the tree.
    private static func checkAndReplay(_ store: Store, logger: Logger) async throws -> (state: ForumState, count: UInt64, checked: UInt64) {
        var replay = ForumReplay()
        let checked: UInt64
        do {
            checked = try await StoredTreeCheck(storage: store).run { checked, total in
                logger.info("Checking the log against its tree", metadata: [LogKeys.checkedEntries: "\(checked)", LogKeys.entries: "\(total)"])
            } visit: { entries in
                for entry in entries { replay.apply(entry: entry, checkingSignature: false) }
            }
        } catch let mismatch as StoredTreeMismatch {
            throw ForumNodeError.treeMismatch(mismatch.description)
        }
        let count = try await store.entryCount()
        while replay.nextIndex < count {
            let entries = try await store.entries(from: replay.nextIndex, limit: Int(min(4096, count - replay.nextIndex)))
            guard !entries.isEmpty else { throw ForumNodeError.stateDisagreesWithLog }
            for entry in entries { replay.apply(entry: entry, checkingSignature: false) }
        }
        guard let state = replay.state, replay.problems.isEmpty else {
            throw ForumNodeError.logBroken(replay.problems.first?.description ?? "the log has no genesis")
        }
        return (state, count, checked)
    }

    private static func check(_ state: ForumState, nodeSigner: NoteSigner, origin: String, founding: Founding?) throws {
        guard state.nodeKey == nodeSigner.verifier else {
            throw ForumNodeError.nodeKeyMismatch(expected: state.nodeKey.description, found: nodeSigner.verifier.description)
        }
        guard state.origin == origin else { throw ForumNodeError.originMismatch(stored: state.origin, configured: origin) }
        if let founding, !founding.founders.allSatisfy({ state.members[$0.id] != nil }) {
            throw ForumNodeError.foundersMismatch
        }
    }
}
