import Synchronization

/// Whether the node writes: not before it has started (its listening socket bound, its log matched), and never
/// again once it found its store out of step with what it wrote.
///
/// Reads never pass through the gate; they keep working in every state.
final class NodeWriteGate: Sendable {
    /// Where the node stands, in the order it goes through them.
    enum Status: Sendable, Equatable {
        /// Opened, not yet writing.
        case starting
        /// Writing its own start-up acts (a new forum's genesis, the demonstration's acts).
        case settingUp
        /// Started: accepting acts, and the services that write run.
        case started
        /// Stopped writing for good, for the reason given; a restart checks the store again.
        case halted(String)
    }

    private struct State {
        var status: Status = .starting
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Why the node does not accept acts now, or `nil` when it does.
    var refusal: ForumNodeError? {
        switch state.withLock({ $0.status }) {
        case .settingUp, .started: nil
        case .starting: .notStarted
        case .halted(let reason): .halted(reason)
        }
    }

    /// Why the node does not count as started, or `nil` once it does: what `/healthz` reports.
    var problem: ForumNodeError? {
        switch state.withLock({ $0.status }) {
        case .started: nil
        case .starting, .settingUp: .notStarted
        case .halted(let reason): .halted(reason)
        }
    }

    /// Throws unless the node accepts writes.
    func check() throws(ForumNodeError) {
        if let refusal { throw refusal }
    }

    /// Starts accepting writes for the node's own start-up acts.
    func open() { move(from: .starting, to: .settingUp) }

    /// Marks the start finished, releasing ``waitUntilStarted()``.
    func finishStarting() { move(from: .settingUp, to: .started) }

    /// Stops writing for good; the first reason given is kept.
    func halt(_ reason: String) {
        let waiting = state.withLock { state in
            if case .halted = state.status {} else { state.status = .halted(reason) }
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume() }
    }

    /// Returns once the node has started, or halted, or the task is cancelled (a front-end that never led, shutting
    /// down).
    func waitUntilStarted() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    guard state.status == .starting || state.status == .settingUp, !Task.isCancelled else { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
        }
    }

    /// Moves from one status to the next, unless the node halted meanwhile; resumes the waiters once started.
    private func move(from current: Status, to next: Status) {
        let waiting = state.withLock { state in
            guard state.status == current else { return [Int: CheckedContinuation<Void, Never>]() }
            state.status = next
            guard next == .started else { return [:] }
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume() }
    }
}
