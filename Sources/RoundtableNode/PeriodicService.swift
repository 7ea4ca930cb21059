public import ServiceLifecycle

/// A service that waits for a condition (the node having started), then does its work at once, every interval
/// until graceful shutdown, and once more when shutdown begins, so that the last acts are published. Shutdown before
/// the condition held ends it without working.
///
/// The node runs one for each of its duties (``NodeDuty``): the log publisher and the clerk.
public struct PeriodicService: Service {
    /// What the service is, for logs.
    public let name: String
    /// How long to wait between two runs.
    public let interval: Duration
    private let ready: @Sendable () async -> Void
    private let work: @Sendable () async -> Void

    /// Creates the service.
    /// - Parameters:
    ///   - name: What the service is, for logs.
    ///   - interval: How long to wait between two runs.
    ///   - ready: Returns once the work may begin.
    ///   - work: The work; it reports its own failures.
    public init(
        _ name: String, every interval: Duration, after ready: @escaping @Sendable () async -> Void = {},
        work: @escaping @Sendable () async -> Void
    ) {
        self.name = name
        self.interval = interval
        self.ready = ready
        self.work = work
    }

    public func run() async throws {
        // A condition that never comes (a front-end that follows and never leads) gives way to shutdown: then there is
        // no work to do.
        await cancelWhenGracefulShutdown { await ready() }
        guard !Task.isShuttingDownGracefully, !Task.isCancelled else { return }
        await work()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await work()
        }
    }
}
