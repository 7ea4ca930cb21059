import Synchronization

/// Lets at most a given number of delivery attempts run at once; a task waiting for its turn can be cancelled.
///
/// Only attempts hold a slot, not the waits between them, so deliveries backing off from a webhook that is down do
/// not hold up the others.
final class AttemptLimiter: Sendable {
    private struct State {
        var available: Int
        var nextID: UInt64 = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    }
    private let state: Mutex<State>

    init(slots: Int) {
        state = Mutex(State(available: max(1, slots)))
    }

    /// Runs `body` in a slot, once one is free.
    /// - Returns: What `body` returned, or `nil` if the task was cancelled while it waited.
    func withSlot<Value: Sendable>(_ body: () async -> Value) async -> Value? {
        guard await acquire() else { return nil }
        defer { release() }
        return await body()
    }

    private func acquire() async -> Bool {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Cancellation is flagged before the handler runs, and both take the lock: a waiter is either found
                // by the handler or never added.
                let granted: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.available > 0 {
                        state.available -= 1
                        return true
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0).continuation }
            }
            waiter?.resume(returning: false)
        }
    }

    private func release() {
        let next = state.withLock { state in
            if state.waiters.isEmpty { state.available += 1 }
            return state.waiters.isEmpty ? nil : state.waiters.removeFirst().continuation
        }
        next?.resume(returning: true)
    }
}
