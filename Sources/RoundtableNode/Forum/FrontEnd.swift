public import Logging
public import RoundtableDomain
public import ServiceLifecycle
import Synchronization

/// One of several `roundtable serve` processes on one shared database (PostgreSQL): exactly one leads, sequencing acts
/// and signing checkpoints; the others follow, serving reads from the database and forwarding writes to the leader.
///
/// A follower takes on what the leader commits every ``followInterval`` (``ForumNode/catchUp()``) and tries to take the
/// lead at the same pace; the store decides who gets it (an advisory lock), and fences whoever lost it (every append
/// checks the lead's epoch). On taking the lead a front-end reads what is left, then starts writing
/// (``ForumNode/start(setUp:)``). A leader that finds it lost the lead stops: this service throws, the process exits
/// non-zero, and its supervisor starts it again as a follower.
public final class FrontEnd<Store: ForumStore>: Service, Sendable {
    /// How a front-end takes, keeps and finds the lead, as the shared store provides it.
    public struct Lead: Sendable {
        /// Tries to take the lead without waiting, announcing where this front-end takes forwarded writes; `true` when
        /// it holds the lead.
        public let take: @Sendable (_ url: String) async throws -> Bool
        /// Whether it still holds the lead.
        public let holds: @Sendable () async -> Bool
        /// Where the front-end that leads takes forwarded writes.
        public let leaderURL: @Sendable () async throws -> String?

        /// Creates the lead's operations.
        public init(
            take: @escaping @Sendable (String) async throws -> Bool, holds: @escaping @Sendable () async -> Bool,
            leaderURL: @escaping @Sendable () async throws -> String?
        ) {
            self.take = take
            self.holds = holds
            self.leaderURL = leaderURL
        }
    }

    /// Why a front-end stopped.
    public struct LostLead: Error, CustomStringConvertible {
        public var description: String {
            "this front-end lost the lead (its database connection holding the lock failed); it stops writing and exits so that it "
                + "restarts as a follower"
        }
    }

    private let forum: ForumNode<Store>
    private let lead: Lead
    private let setUp: @Sendable (ForumNode<Store>) async throws -> Void
    private let logger: Logger
    /// How often a follower reads the leader's commits and tries to take the lead; how often a leader checks it holds it.
    public let followInterval: Duration
    /// This front-end's URL, whether it leads, and the leader's URL as last read (every follow interval).
    private let state = Mutex<(url: String?, leading: Bool, leader: String?)>((nil, false, nil))
    private let bound: AsyncStream<String>
    private let announce: AsyncStream<String>.Continuation

    /// Creates the front-end of a forum.
    /// - Parameters:
    ///   - forum: The forum, prepared from the shared store and not started.
    ///   - lead: The lead's operations.
    ///   - followInterval: How often a follower catches up and tries to lead.
    ///   - logger: Where the changes of lead are reported.
    ///   - setUp: What the front-end runs when it starts writing (``ForumNode/start(setUp:)``).
    public init(
        forum: ForumNode<Store>, lead: Lead, followInterval: Duration = .milliseconds(200), logger: Logger,
        setUp: @escaping @Sendable (ForumNode<Store>) async throws -> Void = { _ in }
    ) {
        self.forum = forum
        self.lead = lead
        self.followInterval = followInterval
        self.logger = logger
        self.setUp = setUp
        (bound, announce) = AsyncStream.makeStream(of: String.self)
    }

    /// Whether this front-end leads now.
    public var isLeading: Bool { state.withLock { $0.leading } }

    /// Where writes go: the leader's URL while this front-end follows, as read at the last follow interval (no query
    /// per write); `nil` while it leads, while it is taking the lead (the lead names this front-end, which answers
    /// writes itself, with 503 until it has started), or before it knows.
    public func leaderForWrites() async -> String? {
        state.withLock { state in state.leading || state.leader == state.url ? nil : state.leader }
    }

    /// Starts following and contending for the lead, once the server listens at `url` (where the others forward
    /// writes to this one if it leads).
    public func serverListening(at url: String) {
        announce.yield(url)
        announce.finish()
    }

    public func run() async throws {
        var urls = bound.makeAsyncIterator()
        guard let url = await urls.next() else { return }
        do {
            try await cancelWhenGracefulShutdown { try await self.contend(url: url) }
        } catch where Task.isShuttingDownGracefully {
            // Stopping: contending was cancelled. A store call cut short throws its own error (PostgreSQL's connection
            // closed), not always a CancellationError; either way the front-end stops as asked, with no failure.
            return
        }
    }

    private func contend(url: String) async throws {
        state.withLock { $0.url = url }
        forum.following.withLock { $0 = true }
        while !Task.isCancelled {
            if isLeading {
                guard await lead.holds() else {
                    logger.critical("Lost the lead", metadata: [LogKeys.error: "\(LostLead())"])
                    throw LostLead()
                }
            } else if try await lead.take(url) {
                let taken = try await forum.catchUp()
                forum.following.withLock { $0 = false }
                try await forum.start(setUp: setUp)
                state.withLock { $0.leading = true }
                logger.notice("Leading: this front-end sequences acts and signs checkpoints", metadata: [LogKeys.entries: "\(taken)"])
                continue
            } else {
                do {
                    let leader = try await lead.leaderURL()
                    state.withLock { $0.leader = leader }
                    try await forum.catchUp()
                } catch {
                    logger.warning("Could not read the leader's commits", metadata: [LogKeys.error: "\(error)"])
                }
            }
            try await Task.sleep(for: isLeading ? .seconds(1) : followInterval)
        }
    }
}
