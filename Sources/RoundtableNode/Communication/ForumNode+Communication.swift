public import RoundtableDomain
import TransparencyLog

extension ForumNode {
    /// Sends the notices of every communication act committed from now on to `sink` (webhooks and e-mail).
    /// - Parameter sink: Where notices go.
    public func sendNotices(to sink: any NoticeSink) { desk.setSink(sink) }

    /// Advanced each time a member's act calls for the node's communication acts: the communication clerk waits on it.
    public var communicationWakes: ProgressSignal { desk.wakes }

    func communicated(_ body: Act.Body, by actor: Act.Actor, at index: UInt64) {
        desk.committed(body, by: actor, at: index) { self.state }
    }

    /// Writes the communication acts the node owes now (``ForumState/dueCommunication(now:)``): checks, each with a
    /// fresh nonce per contact kept beside the log, deliveries (all the requests waiting, in as few acts as hold them),
    /// and overdue acts, queued together to share a commit. One run at a time.
    /// - Parameter now: The node's clock.
    /// - Returns: The receipts of the acts written; an act a member's act overtook is left for the next run.
    @discardableResult
    public func performDueCommunication(now: Timestamp) async throws -> [ActReceipt] {
        try await desk.oneAtATime.run {
            var acts: [NodeAct] = []
            let state = self.state
            let now = max(now, state.governance.clock ?? now)
            let rules = state.governance.rules.communication
            for due in state.dueCommunication(now: now) {
                let body: Act.Body
                var attachments: (@Sendable (UInt64) -> [ForumChange])?
                switch due {
                case .check(let member, let contacts, let asked):
                    var nonces: [String: [UInt8]] = [:]
                    var generator = SystemRandomNumberGenerator()
                    for contact in contacts { nonces[contact] = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) } }
                    let challenges = contacts.map { CheckOpening.Challenge(contact: $0, nonceHash: Digest.sha256(nonces[$0]!)) }
                    body = .check(
                        CheckOpening(member: member, challenges: challenges, asked: asked, at: now, until: now.adding(rules.checkAnswer)))
                    attachments = { [nonces] index in [.communicationRecorded(.nonces(check: index, nonces: nonces))] }
                case .deliver(let handovers):
                    body = .deliver(
                        handovers.map {
                            DeliveryOpening(
                                recipient: $0.recipient, request: $0.named ? $0.request : nil, urgency: $0.urgency, at: now,
                                ackBy: now.adding(rules.ackDeadline($0.urgency)))
                        })
                    let sealed = handovers.filter { !$0.named }
                    if !sealed.isEmpty {
                        attachments = { index in
                            sealed.map { handover in
                                .communicationRecorded(
                                    .delivered(delivery: DeliveryID(index: index, recipient: handover.recipient), request: handover.request))
                            }
                        }
                    }
                case .overdue(let record): body = .overdue(record)
                }
                acts.append(NodeAct(body: body, attachments: attachments))
            }
            // Together, so that they share a commit.
            return try await perform(acts)
        }
    }

    /// What concerns a member after a log index: ``ForumState/inbox(for:after:limit:)`` on the committed state.
    /// - Parameters:
    ///   - member: The member.
    ///   - after: The cursor: the index of the last item seen.
    ///   - limit: The most items returned.
    public func inbox(for member: MemberID, after: UInt64?, limit: Int = 1_000) -> [InboxItem] {
        state.inbox(for: member, after: after, limit: limit)
    }
}
