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

    /// Hands the notices an act calls for to the sink, and wakes the clerk for a member's communication act. The state
    /// is read only for an act that may call for notices: the other acts (governance, the exchange) pay nothing.
    func committed(_ body: Act.Body, by actor: Act.Actor, at index: UInt64, state: () -> ForumState) {
        if case .member = actor, [.request, .askCheck, .contact].contains(body.kind) { wakes.advance(to: wakes.size + 1) }
        guard [.check, .deliver, .ack, .answer, .overdue, .closeRequest].contains(body.kind), let sink = sink.withLock({ $0 }) else { return }
        let state = state()
        let notices = state.notices(for: body, by: actor, at: index)
        if !notices.isEmpty { sink.send(notices, state: state) }
    }
}
