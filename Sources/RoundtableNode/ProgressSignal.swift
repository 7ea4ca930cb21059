import Synchronization

/// A count that only grows, and the tasks waiting for it to pass a value: how an inbox stream learns, within a moment,
/// that the node committed entries (``ForumNode/commits``), or a task that a connection closed.
public final class ProgressSignal: Sendable {
    private struct Waiters {
        var size: UInt64
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let waiters: Mutex<Waiters>

    /// Creates a signal at a count.
    /// - Parameter size: The count to start from.
    public init(size: UInt64) { waiters = Mutex(Waiters(size: size)) }

    /// The count: for ``ForumNode/commits``, the number of entries committed.
    public var size: UInt64 { waiters.withLock { $0.size } }

    /// Raises the count to `size`, if that is more, and wakes every waiter.
    /// - Parameter size: The new count.
    public func advance(to size: UInt64) {
        let woken = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            guard size > waiters.size else { return [] }
            waiters.size = size
            defer { waiters.waiting.removeAll() }
            return Array(waiters.waiting.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once the count is more than `size`, or when the task is cancelled.
    /// - Parameter size: The count the caller has seen.
    public func wait(beyond size: UInt64) async {
        let id = waiters.withLock { waiters -> Int in
            waiters.next += 1
            return waiters.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = waiters.withLock { waiters -> Bool in
                    if waiters.size > size || Task.isCancelled { return true }
                    waiters.waiting[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let continuation = waiters.withLock { $0.waiting.removeValue(forKey: id) }
            continuation?.resume()
        }
    }
}
