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
    /// The store failed to write; nothing was acknowledged.
    case storageFailed(any Error)
    /// The store placed a batch at another index than the node expected; nothing more is written.
    case logOutOfStep(expected: UInt64, stored: UInt64)
    /// The state tables of the store disagree with the state its log gives.
    case stateDisagreesWithLog
    /// An entry of the store's log does not follow the rules.
    case logBroken(String)

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
        case .storageFailed(let error):
            "the store could not write the act (\(error)); nothing was recorded, try again"
        case .logOutOfStep(let expected, let stored):
            "the store appended at index \(stored) where the node expected \(expected); stop the node and check that no other process writes to the database"
        case .stateDisagreesWithLog:
            "the database's member tables disagree with its log; the database was changed outside the node: restore it from a backup"
        case .logBroken(let problem):
            "the database's log does not replay (\(problem)); it was changed outside the node: restore it from a backup"
        }
    }
}
