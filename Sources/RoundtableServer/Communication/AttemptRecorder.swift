import RoundtableDomain
import Synchronization

/// Keeps the outcomes of notice deliveries in the store in batches: the outcomes that end while one batch is written go
/// in the next, one transaction each, so that a check of hundreds of contacts costs the disk a few commits rather than
/// one for each attempt.
final class AttemptRecorder<Store: CommunicationStore>: Sendable {
    private let store: Store
    private let pending = Mutex<(attempts: [DeliveryAttempt], writing: Bool)>(([], false))

    init(store: Store) { self.store = store }

    /// Queues an attempt's outcome for the store; returns at once.
    func record(_ attempt: DeliveryAttempt) {
        let start = pending.withLock { pending in
            pending.attempts.append(attempt)
            defer { pending.writing = true }
            return !pending.writing
        }
        if start { Task { await drain() } }
    }

    /// Writes batches until none is waiting. An attempt the store could not keep is lost, as a notice's outcome is not
    /// part of the record; the next ones are still written.
    private func drain() async {
        while true {
            let batch = pending.withLock { pending in
                defer { pending.attempts = [] }
                if pending.attempts.isEmpty { pending.writing = false }
                return pending.attempts
            }
            guard !batch.isEmpty else { return }
            try? await store.recordDeliveryAttempts(batch)
        }
    }
}
