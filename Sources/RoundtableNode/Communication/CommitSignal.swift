import Synchronization

/// Tells waiting tasks that the node committed entries: how an inbox stream learns, within a moment, that something
/// new may await its member.
public final class CommitSignal: Sendable {
    private struct Waiters {
        var size: UInt64
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let waiters: Mutex<Waiters>

    init(size: UInt64) { waiters = Mutex(Waiters(size: size)) }

    /// The number of entries committed.
    public var size: UInt64 { waiters.withLock { $0.size } }

    /// Records that the log now has `size` entries and wakes every waiter.
    func advance(to size: UInt64) {
        let woken = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            guard size > waiters.size else { return [] }
            waiters.size = size
            defer { waiters.waiting.removeAll() }
            return Array(waiters.waiting.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once the log has more than `size` entries, or when the task is cancelled.
    /// - Parameter size: The size the caller has seen.
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
