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

        /// Creates a founding.
        /// - Parameters:
        ///   - forumName: The forum's name for people.
        ///   - founders: The founding members.
        public init(forumName: String, founders: [Genesis.Founder]) {
            self.forumName = forumName
            self.founders = founders
        }
    }

    /// Opens the forum in a store, creating it with a genesis act when the store is empty and a founding is given.
    ///
    /// A store that holds a forum created by another node key or for another origin is refused, never silently
    /// replaced.
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
        if let state = try await store.loadState() {
            try check(state, nodeSigner: nodeSigner, origin: origin, founding: founding)
            logger.info("Reopened forum", metadata: [LogKeys.origin: "\(origin)", LogKeys.members: "\(state.members.count)"])
            return try ForumNode(store: store, nodeSigner: nodeSigner, state: state)
        }
        guard let founding else { throw ForumNodeError.noForum }
        let genesis = try Genesis(forumName: founding.forumName, nodeKey: nodeSigner.verifier, founders: founding.founders)
        let act = Act(origin: origin, actor: .node, sequence: 1, body: .genesis(genesis))
        let (state, changes) = try ForumState.genesis(act)
        let note = try act.signed(by: [nodeSigner])
        _ = try await store.append([ActRecord(entry: note.bytes, changes: changes)])
        logger.info("Created forum", metadata: [LogKeys.origin: "\(origin)", LogKeys.members: "\(state.members.count)"])
        return try ForumNode(store: store, nodeSigner: nodeSigner, state: state)
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
