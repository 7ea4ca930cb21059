import ServiceLifecycle

/// Runs work now, then every interval until graceful shutdown, and once more when shutdown begins.
enum Periodic {
    static func run(every interval: Duration, _ body: () async -> Void) async {
        await body()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await body()
        }
    }
}
