import RoundtableDomain

/// Why a node could not open its forum or write to it.
public enum ForumNodeError: Error, CustomStringConvertible {
    /// The store holds no forum and no founding members were given.
    case noForum
    /// The store holds a forum whose genesis names another node key.
    case nodeKeyMismatch(expected: String, found: String)
    /// The store holds a forum with another origin than the node was configured with.
    case originMismatch(stored: String, configured: String)
    /// The founding members given do not match the forum already in the store.
    case foundersMismatch
    /// The store failed to write for a passing reason (a full disk, say) and its log is where the node left it;
    /// nothing was acknowledged.
    case storageFailed(any Error)
    /// The store's log does not end where the node left it: something else wrote to it or it lost entries. The
    /// node stops writing.
    case logOutOfStep(expected: UInt64, stored: UInt64)
    /// The store failed to write and then to say how many entries it holds. The node stops writing.
    case storeUnreadable(write: any Error, read: any Error)
    /// The node has not started writing yet.
    case notStarted
    /// The node stopped writing; the reason given says why and what to do. Reads go on.
    case halted(String)
    /// One of the node's own acts would not read back as written: a fault of the node, not of the request.
    case nodeActUnreadable(String, String)
    /// The stored entries do not match the node's own tree or its latest checkpoint.
    case treeMismatch(String)
    /// The state tables of the store disagree with the state its log gives.
    case stateDisagreesWithLog
    /// An entry of the store's log does not follow the rules.
    case logBroken(String)

    /// A stable snake-case code: `starting` before the node started, `not_writing` once it halted, `node_fault` for an
    /// act of the node that would not read back, `store_unavailable` when the store's disk failed
    /// (``StoreUnavailable``), `unavailable` otherwise.
    public var code: String {
        switch self {
        case .nodeActUnreadable: "node_fault"
        case .storageFailed(let error) where error is StoreUnavailable: "store_unavailable"
        case .notStarted: "starting"
        case .halted, .logOutOfStep, .storeUnreadable: "not_writing"
        case .noForum, .nodeKeyMismatch, .originMismatch, .foundersMismatch, .storageFailed, .treeMismatch, .stateDisagreesWithLog, .logBroken:
            "unavailable"
        }
    }

    public var description: String {
        switch self {
        case .noForum:
            "the data directory holds no forum yet: pass --founders FILE to create one, or --demo for a demonstration forum"
        case .nodeKeyMismatch(let expected, let found):
            "the node key \(found) is not the key \(expected) that created this forum; restore the original node.key"
        case .originMismatch(let stored, let configured):
            "this forum's origin is \(stored) but the node was started for \(configured); start it with the public URL it was created with"
        case .foundersMismatch:
            "the forum already exists with other founding members; drop --founders to reopen it, or use a new data directory"
        case .storageFailed(let error as StoreUnavailable):
            "the act is not acknowledged: \(error)"
        case .storageFailed(let error):
            "the store could not commit the act (\(error)) and its log is unchanged; the act is not acknowledged: send it again"
        case .logOutOfStep(let expected, let stored):
            "the store's log holds \(stored) entries where the node expected \(expected), so something else changed it; "
                + "the node wrote nothing and stopped accepting acts (reads go on): stop it, find what wrote to the "
                + "database, and restart it, which checks the log against the tree"
        case .storeUnreadable(let write, let read):
            "the store could not commit the act (\(write)) nor say how many entries it holds (\(read)); the node stopped "
                + "accepting acts (reads go on): check the disk, then restart the node, which checks the log against the tree"
        case .notStarted:
            "the node is starting and does not accept acts yet; try again in a moment"
        case .halted(let reason):
            reason
        case .nodeActUnreadable(let type, let reason):
            "the node's own \(type) act would not read back as it wrote it (\(reason)); nothing was written. This is a "
                + "fault of the node, not of the request: please report it"
        case .treeMismatch(let problem):
            "\(problem). The database was changed outside the node or damaged; the node will not act on it: restore the "
                + "data directory from a backup, or compare it with a mirror of the log (roundtable log audit)"
        case .stateDisagreesWithLog:
            "the database's member tables disagree with its log; the database was changed outside the node: restore it from a backup"
        case .logBroken(let problem):
            "the database's log does not replay (\(problem)); it was changed outside the node: restore it from a backup"
        }
    }
}
