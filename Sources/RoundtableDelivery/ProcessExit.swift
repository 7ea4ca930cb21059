import Synchronization

/// The exit status of a child process, set once by its termination handler and awaited by any number of tasks.
final class ProcessExit: Sendable {
    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }
    private let state = Mutex(State())

    /// Whether the process has exited.
    var hasExited: Bool { state.withLock { $0.status != nil } }

    /// Records the exit status and wakes every waiter; called from the process's termination handler.
    func finish(_ status: Int32) {
        let waiters = state.withLock { state in
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// Waits for the exit status. Not cancellable: a caller that must stop waiting ends the process instead.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status = state.withLock { state in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}
