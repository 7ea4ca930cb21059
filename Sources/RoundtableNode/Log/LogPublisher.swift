public import Logging
public import RoundtableDomain

/// Runs the log's integration and publication stages: the node's new entries become tiles, and a grown tree gets a
/// signed checkpoint. ``NodeDuty/service(every:)`` runs it from the node's start, every interval, and once more on
/// graceful shutdown so the last acts are published.
public struct LogPublisher<Store: ForumStore>: NodeDuty {
    public static var name: String { "log publisher" }

    /// The forum whose log is published.
    public let forum: ForumNode<Store>
    /// Where failures are reported.
    public let logger: Logger

    /// Creates the publisher.
    /// - Parameters:
    ///   - forum: The forum whose log is published.
    ///   - logger: Where failures are reported.
    public init(forum: ForumNode<Store>, logger: Logger) {
        self.forum = forum
        self.logger = logger
    }

    /// Integrates and publishes once, reporting any failure.
    public func perform() async {
        do {
            if let note = try await forum.publishLog(), let text = String(validating: note, as: UTF8.self) {
                logger.debug(
                    "Published checkpoint",
                    metadata: [LogKeys.checkpoint: "\(text.split(separator: "\n").prefix(2).joined(separator: " "))"]
                )
            }
        } catch is CancellationError {
            return
        } catch ForumNodeError.halted {
            return
        } catch {
            logger.error("Could not integrate or publish the log", metadata: [LogKeys.error: "\(error)"])
        }
    }
}
