import TransparencyLog
import Synchronization

/// The replays of the logs a witness audits, kept in memory between requests; the store holds them durably, and a
/// replay missing here is restored from it.
final class ReplayCache: Sendable {
    private let logs = Mutex<[String: ReplayedLog]>([:])

    /// The replay of a log, if in memory.
    func replayed(origin: String) -> ReplayedLog? { logs.withLock { $0[origin] } }

    /// Keeps a replay unless one further on is already kept (a request that finished later may have stored it).
    func keep(_ replayed: ReplayedLog, origin: String) {
        logs.withLock { logs in
            if (logs[origin]?.range.size ?? 0) <= replayed.range.size { logs[origin] = replayed }
        }
    }

    /// Forgets a log's replay, so that the next request restores it from the store.
    func forget(origin: String) { logs.withLock { _ = $0.removeValue(forKey: origin) } }
}
