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
        }
    }
}
