import NIOCore
import Synchronization

/// Tells a waiting task that a connection's channel closed: registered once on the channel's close future, and waited
/// on as often as needed, each wait ending early when its task is cancelled.
final class ConnectionClosed: Sendable {
    private struct Waiters {
        var closed = false
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let waiters = Mutex(Waiters())

    init(_ channel: any Channel) {
        channel.closeFuture.whenComplete { [weak self] _ in self?.close() }
    }

    private func close() {
        let woken = waiters.withLock { waiters -> [CheckedContinuation<Void, Never>] in
            waiters.closed = true
            defer { waiters.waiting.removeAll() }
            return Array(waiters.waiting.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Whether the channel has closed.
    var isClosed: Bool { waiters.withLock { $0.closed } }

    /// Returns once the channel closed, or when the task is cancelled.
    func wait() async {
        let id = waiters.withLock { waiters -> Int in
            waiters.next += 1
            return waiters.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = waiters.withLock { waiters -> Bool in
                    if waiters.closed || Task.isCancelled { return true }
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
