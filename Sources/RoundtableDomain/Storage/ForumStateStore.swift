/// The forum's state as its acts have made it (members, keys, tokens, sequence numbers), saved by the changes each
/// append writes; what is not saved (governance) the node rebuilds by replaying the log.
public protocol ForumStateStore: Sendable {
    /// Reads the forum's state, or `nil` when the store holds no forum yet.
    func loadState() async throws -> ForumState?
}
