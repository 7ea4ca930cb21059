import Foundation
public import Logging
public import RoundtableDomain
public import ServiceLifecycle

/// The node's clerk: at start and then every interval it writes the governance acts the forum is owed by the node's
/// clock — circulating proposals, opening consensus calls and ballots, closing ballots whose window ended, and
/// deciding.
public struct GovernanceClerk<Store: ForumStore>: Service {
    /// The forum.
    public let forum: ForumNode<Store>
    /// How often to look.
    public let interval: Duration
    /// Where acts and failures are reported.
    public let logger: Logger

    /// Creates the clerk.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - interval: How often to look; 1 second by default.
    ///   - logger: Where acts and failures are reported.
    public init(forum: ForumNode<Store>, interval: Duration = .seconds(1), logger: Logger) {
        self.forum = forum
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await forum.waitUntilStarted()
        await Periodic.run(every: interval) { await writeDueActs() }
    }

    private func writeDueActs() async {
        do {
            let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
            for receipt in try await forum.performDueActs(now: now) {
                logger.info("Wrote governance act", metadata: [LogKeys.index: "\(receipt.index)", LogKeys.actType: "\(receipt.act)"])
            }
        } catch ForumNodeError.halted {
            return
        } catch {
            logger.error("Could not write the node's governance acts", metadata: [LogKeys.error: "\(error)"])
        }
    }
}
