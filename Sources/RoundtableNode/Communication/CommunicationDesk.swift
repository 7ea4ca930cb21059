import RoundtableDomain
import Synchronization

/// The node's side of the communication mechanism outside the log: where notices go, and the signal that wakes the
/// communication clerk when a member's act calls for the node's acts (a request to deliver, a check asked for).
final class CommunicationDesk: Sendable {
    private let sink = Mutex<(any NoticeSink)?>(nil)
    /// Advanced each time a member's act calls for the node's communication acts.
    let wakes = ProgressSignal(size: 0)
    /// The node's communication acts are written one run at a time, so that two runs never write the same check.
    let oneAtATime = SerialRunner()

    func setSink(_ sink: any NoticeSink) { self.sink.withLock { $0 = sink } }

    /// Hands the notices an act calls for to the sink, and wakes the clerk for a member's communication act.
    func committed(_ act: Act, at index: UInt64, state: ForumState) {
        if case .member = act.actor, [.request, .askCheck, .contact].contains(act.body.kind) { wakes.advance(to: wakes.size + 1) }
        guard let sink = sink.withLock({ $0 }) else { return }
        let notices = state.notices(for: act, at: index)
        if !notices.isEmpty { sink.send(notices, state: state) }
    }
}
