import Foundation
public import Logging
public import RoundtableDomain

/// The node's clerk: writes the governance acts the forum is owed by the node's clock — circulating proposals, opening
/// consensus calls and ballots, closing ballots whose window ended, and deciding. ``NodeDuty/service(every:)`` runs it
/// from the node's start, every interval.
public struct GovernanceClerk<Store: ForumStore>: NodeDuty {
    public static var name: String { "governance clerk" }

    /// The forum.
    public let forum: ForumNode<Store>
    /// Where acts and failures are reported.
    public let logger: Logger

    /// Creates the clerk.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - logger: Where acts and failures are reported.
    public init(forum: ForumNode<Store>, logger: Logger) {
        self.forum = forum
        self.logger = logger
    }

    /// Writes the acts due now, reporting each and any failure.
    public func perform() async {
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
