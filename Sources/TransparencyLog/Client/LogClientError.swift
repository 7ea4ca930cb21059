/// What a verifying log client found wrong.
public enum LogClientError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The URL serves no checkpoint: not a log, or one that has not published its first checkpoint yet. Nothing is
    /// proven against the log, unlike every other case.
    case noCheckpoint
    /// A resource the verified checkpoint implies is missing.
    case missing(path: String)
    /// A resource is malformed.
    case malformed(path: String, reason: String)
    /// A tile or bundle does not match the verified tree: the log (or a mirror) served forged data.
    case tampered(path: String)
    /// The log served a smaller tree than one it signed before.
    case rollback(previousSize: UInt64, size: UInt64)
    /// The log signed two trees that are not consistent: a split view.
    case fork(previousSize: UInt64, size: UInt64, reason: String)
    /// The root recomputed from every entry differs from the checkpoint's.
    case rootMismatch(size: UInt64)
    /// The checkpoint lacks the cosignatures the client's witness policy requires.
    case notWitnessed(String)

    public var description: String {
        switch self {
        case .noCheckpoint:
            "there is no checkpoint at this URL: check it (a node's URL, or its log's, …/log), or wait for the node to publish its first checkpoint"
        case .missing(let path): "the log does not serve \(path), which its checkpoint implies"
        case .malformed(let path, let reason): "\(path) is malformed: \(reason)"
        case .tampered(let path): "\(path) does not match the signed tree: the data was altered"
        case .rollback(let previous, let size):
            "ROLLBACK: the log now shows tree size \(size), smaller than the size \(previous) it signed before"
        case .fork(let previous, let size, let reason):
            "FORK: the signed tree of size \(size) is not consistent with the signed tree of size \(previous) (\(reason))"
        case .rootMismatch(let size): "the root recomputed from all \(size) entries differs from the signed checkpoint"
        case .notWitnessed(let shortfall): "NOT WITNESSED: \(shortfall)"
        }
    }
}
