import Synchronization

/// Whether the node writes: not before it has started (its listening socket bound, its log matched), and never
/// again once it found its store out of step with what it wrote.
///
/// Reads never pass through the gate; they keep working in every state.
final class NodeWriteGate: Sendable {
    /// Where the node stands.
    enum Status: Sendable, Equatable {
        /// Opened, not yet writing.
        case starting
        /// Accepting acts.
        case accepting
        /// Stopped writing for good, for the reason given; a restart checks the store again.
        case halted(String)
    }

    fileprivate struct State {
        var status: Status
        /// Whether the node finished starting: writes open and its own start-up acts written.
        var started = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(_ status: Status) { state = Mutex(State(status: status)) }

    var status: Status { state.withLock { $0.status } }

    /// Throws unless the node accepts writes.
    func check() throws(ForumNodeError) {
        switch status {
        case .accepting: return
        case .starting: throw .notStarted
        case .halted(let reason): throw .halted(reason)
        }
    }

    /// Whether the node has not finished starting, and has not halted.
    var isStarting: Bool { state.withLock { !$0.started && !$0.isHalted } }

    /// Starts accepting writes, unless the node halted meanwhile.
    func open() {
        state.withLock { state in
            if state.status == .starting { state.status = .accepting }
        }
    }

    /// Marks the start finished, releasing ``waitUntilStarted()``.
    func finishStarting() {
        let waiting = state.withLock { state in
            state.started = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Stops writing for good; the first reason given is kept.
    func halt(_ reason: String) {
        let waiting = state.withLock { state in
            if case .halted = state.status {} else { state.status = .halted(reason) }
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once the node has finished starting, or halted.
    func waitUntilStarted() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                guard !state.started, !state.isHalted else { return true }
                state.waiting.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

extension NodeWriteGate.State {
    var isHalted: Bool { if case .halted = status { true } else { false } }
}
