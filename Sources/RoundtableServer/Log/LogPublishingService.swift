public import Logging
public import RoundtableDomain
public import ServiceLifecycle

/// Runs the log's integration and publication stages every interval: new entries become tiles, and a grown tree
/// gets a signed checkpoint. Runs once at start, and once more on graceful shutdown so the last acts are published.
public struct LogPublishingService<Store: ForumStore>: Service {
    /// The log.
    public let log: ForumLog<Store>
    /// How often to integrate and publish.
    public let interval: Duration
    /// Where failures are reported.
    public let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - log: The log.
    ///   - interval: How often to integrate and publish; 1 second by default.
    ///   - logger: Where failures are reported.
    public init(log: ForumLog<Store>, interval: Duration = .seconds(1), logger: Logger) {
        self.log = log
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await Periodic.run(every: interval) { await runOnce() }
    }

    private func runOnce() async {
        do {
            if let note = try await log.integrateAndPublish(), let text = String(validating: note, as: UTF8.self) {
                logger.debug("Published checkpoint", metadata: [LogKeys.checkpoint: "\(text.split(separator: "\n").prefix(2).joined(separator: " "))"])
            }
        } catch is CancellationError {
            return
        } catch {
            logger.error("Could not integrate or publish the log", metadata: [LogKeys.error: "\(error)"])
        }
    }
}
