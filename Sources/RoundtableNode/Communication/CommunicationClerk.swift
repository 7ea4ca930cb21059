import Foundation
public import Logging
public import RoundtableDomain
public import ServiceLifecycle

/// The node's communication clerk: writes the checks the `check-interval` rule and members' `ask-check` acts call for,
/// delivers requests, and marks what went unacknowledged past its deadline as `overdue`. It runs once the node has
/// started, whenever a member's act calls for it, and at least every interval.
public struct CommunicationClerk<Store: ForumStore>: Service {
    /// The forum.
    public let forum: ForumNode<Store>
    /// How long to wait at most between two runs.
    public let interval: Duration
    /// How long a run waits, once a member's act woke it, for the acts right behind it: requests come in bursts, and one
    /// `deliver` act for all of them costs the log one entry and one signature instead of one each.
    public let gathering: Duration
    /// Where acts and failures are reported.
    public let logger: Logger

    /// Creates the clerk.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - interval: How long to wait at most between two runs (deadlines are met within it).
    ///   - gathering: How long a run woken by a member's act waits for the acts right behind it.
    ///   - logger: Where acts and failures are reported.
    public init(forum: ForumNode<Store>, every interval: Duration = .seconds(1), gathering: Duration = .milliseconds(5), logger: Logger) {
        self.forum = forum
        self.interval = interval
        self.gathering = gathering
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.forum.waitUntilStarted() }
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        let wakes = forum.communicationWakes
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = wakes.size
            await perform()
            try? await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await wakes.wait(beyond: seen) }
                    group.addTask { try? await Task.sleep(for: interval) }
                    await group.next()
                    group.cancelAll()
                }
                if wakes.size > seen { try await Task.sleep(for: gathering) }
            }
        }
    }

    /// Writes the communication acts due now, reporting each and any failure.
    public func perform() async {
        do {
            let now = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
            for receipt in try await forum.performDueCommunication(now: now) {
                logger.info("Wrote communication act", metadata: [LogKeys.index: "\(receipt.index)", LogKeys.actType: "\(receipt.act)"])
            }
        } catch ForumNodeError.halted {
            return
        } catch {
            logger.error("Could not write the node's communication acts", metadata: [LogKeys.error: "\(error)"])
        }
    }
}
