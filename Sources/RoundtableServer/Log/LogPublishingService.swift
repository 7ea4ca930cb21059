public import Logging
public import RoundtableDomain
public import ServiceLifecycle

/// Runs the log's integration and publication stages every interval: the node's new entries become tiles, and a
/// grown tree gets a signed checkpoint. Starts once the node has started, and runs once more on graceful shutdown so
/// the last acts are published.
public struct LogPublishingService<Store: ForumStore>: Service {
    /// The forum whose log is published.
    public let forum: ForumNode<Store>
    /// How often to integrate and publish.
    public let interval: Duration
    /// Where failures are reported.
    public let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - forum: The forum whose log is published.
    ///   - interval: How often to integrate and publish; 1 second by default.
    ///   - logger: Where failures are reported.
    public init(forum: ForumNode<Store>, interval: Duration = .seconds(1), logger: Logger) {
        self.forum = forum
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await forum.waitUntilStarted()
        await Periodic.run(every: interval) { await runOnce() }
    }

    private func runOnce() async {
        do {
            if let note = try await forum.publishLog(), let text = String(validating: note, as: UTF8.self) {
                logger.debug("Published checkpoint", metadata: [LogKeys.checkpoint: "\(text.split(separator: "\n").prefix(2).joined(separator: " "))"])
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
