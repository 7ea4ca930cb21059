/// Where a forum's replay stands, enough to resume it without the entries before: the state, the index of the next
/// entry, and every key the log named so far (the candidates for the signatures that follow).
///
/// It is `Codable`, so that an auditing witness keeps it on disk and resumes after a restart. The problems a replay
/// found are not part of it.
public struct ReplaySnapshot: Sendable, Codable {
    /// The state after the entries before ``nextIndex``; `nil` before the genesis.
    public let state: ForumState?
    /// The index of the next entry to replay: how many entries the state results from.
    public let nextIndex: UInt64
    /// The keys the entries before ``nextIndex`` name.
    public let keys: KeyDirectory

    /// Creates a snapshot; by default, the start of a log.
    /// - Parameters:
    ///   - state: The state after the entries before `nextIndex`.
    ///   - nextIndex: The index of the next entry.
    ///   - keys: The keys those entries name.
    public init(state: ForumState? = nil, nextIndex: UInt64 = 0, keys: KeyDirectory = KeyDirectory()) {
        self.state = state
        self.nextIndex = nextIndex
        self.keys = keys
    }
}
