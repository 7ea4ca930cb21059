import Synchronization

/// Groups concurrent appends into batches so that one durable commit serves many callers.
///
/// The first caller to find no commit under way becomes the committer: it commits what is queued, batch after batch,
/// until nothing but patient items (below) is left. Every other caller waits for its own result. No task is spawned
/// for an item committed at once, and the commit function is never run twice at once, so it may read and update
/// state without further locking.
///
/// Items submitted with patience (``submit(contentsOf:patience:handOff:)``) lead no commit of their own while it
/// lasts: they join the next commit that another caller's item starts, and once a patience runs out (a timer in a
/// child task of the caller's), or ``hurry()`` is called, every item queued is committed without waiting further. A
/// busy node's own acts then ride in its members' commits instead of costing durable commits of their own.
public final class AppendBatcher<Item: Sendable, Output: Sendable>: Sendable {
    /// Commits a batch and returns one result per item, in order.
    public typealias Commit = @Sendable ([Item]) async -> [Result<Output, any Error>]

    private struct Entry {
        let item: Item
        let ticket: AppendTicket<Output>
        /// Whether the item is waiting to join a commit that another caller starts.
        var patient: Bool
    }

    private struct Queue {
        var pending: [Entry] = []
        var committing = false
    }

    private let queue = Mutex(Queue())
    private let commit: Commit
    /// The most items committed together.
    public let maximumBatchSize: Int

    /// Creates a batcher.
    /// - Parameters:
    ///   - maximumBatchSize: The most items committed together.
    ///   - commit: Commits a batch; it must return exactly one result per item.
    public init(maximumBatchSize: Int = 4096, commit: @escaping Commit) {
        precondition(maximumBatchSize > 0, "a batch holds at least one item")
        self.maximumBatchSize = maximumBatchSize
        self.commit = commit
    }

    /// How many items are queued and not yet taken into a commit.
    public var queuedCount: Int { queue.withLock { $0.pending.count } }

    /// Ends the patience of every item queued: they are committed now, by the commit under way or by this caller.
    /// A caller whose own commit must not wait behind patient items (the next of them in a sequence) calls it first;
    /// a patient caller's timer calls it when the patience runs out.
    ///
    /// A commit it starts runs in a task of its own, so that a caller cancelled meanwhile (a service shutting down)
    /// does not cancel a commit that holds other callers' items.
    public func hurry() async {
        let leads = queue.withLock { queue in
            for index in queue.pending.indices { queue.pending[index].patient = false }
            guard !queue.committing, !queue.pending.isEmpty else { return false }
            queue.committing = true
            return true
        }
        if leads { await Task { await self.drain() }.value }
    }

    /// Queues an item and returns its result once the batch holding it is committed.
    /// - Parameters:
    ///   - item: The item to append.
    ///   - handOff: Runs the resumption of the calling task, once its result is ready, where the caller wants it to
    ///     run: a runtime where the thread that resumes a task chooses where it runs (SwiftNIO's event loops as Swift
    ///     concurrency's executor) then resumes each caller on its own thread rather than on the committer's.
    public func submit(_ item: Item, handOff: AppendHandOff? = nil) async throws -> Output {
        let ticket = AppendTicket<Output>(handOff: handOff)
        await enqueue(CollectionOfOne(Entry(item: item, ticket: ticket, patient: false)))
        return try await ticket.value
    }

    /// Queues items together, in order and with nothing between them, and returns their results once the batches
    /// holding them are committed: items that depend on each other's order (acts numbered in sequence) then share a
    /// commit (unless they pass ``maximumBatchSize``), instead of each waiting for the commit of the one before.
    ///
    /// With `patience`, the items wait up to that long for a commit that another caller's item starts, and join it;
    /// only if none comes in time does this caller commit them. Items that are not urgent (the node's own acts) then
    /// share the commits of the items that are, rather than each burst of them costing a commit.
    /// - Parameters:
    ///   - items: The items to append, in order.
    ///   - patience: How long the items may wait to join another caller's commit; `nil` to commit at once. A caller
    ///     cancelled while it waits commits its items at once.
    ///   - handOff: As for ``submit(_:handOff:)``.
    /// - Returns: One result per item, in order.
    public func submit(
        contentsOf items: [Item], patience: Duration? = nil, handOff: AppendHandOff? = nil
    ) async -> [Result<Output, any Error>] {
        guard !items.isEmpty else { return [] }
        let tickets = items.map { _ in AppendTicket<Output>(handOff: handOff) }
        let entries = zip(items, tickets).map { Entry(item: $0, ticket: $1, patient: patience != nil) }
        if let patience { await enqueue(entries, patience: patience) } else { await enqueue(entries) }
        var results: [Result<Output, any Error>] = []
        for ticket in tickets {
            do { results.append(.success(try await ticket.value)) } catch { results.append(.failure(error)) }
        }
        return results
    }

    /// Queues entries together; the caller that finds no commit under way becomes the committer.
    private func enqueue(_ entries: some Collection<Entry>) async {
        let leads = queue.withLock { queue in
            queue.pending.append(contentsOf: entries)
            defer { queue.committing = true }
            return !queue.committing
        }
        if leads { await drain() }
    }

    /// Queues patient entries and returns once a commit has taken the last of them: one that another caller started,
    /// or, once their patience ran out, one that this caller leads.
    private func enqueue(_ entries: [Entry], patience: Duration) async {
        // With no commit under way only patient entries wait (any other caller would have started one): queued, they
        // are taken by the next commit that starts.
        queue.withLock { $0.pending.append(contentsOf: entries) }
        let last = entries[entries.count - 1].ticket
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Cancelled, the sleep ends at once: with the entries committed there is nothing left to do; with the
                // caller cancelled, they are committed now rather than left behind.
                try? await Task.sleep(for: patience)
                guard !last.isFulfilled else { return }
                await self.hurry()
            }
            _ = try? await last.value
            group.cancelAll()
        }
    }

    /// Commits batch after batch while an entry that is not patient waits; patient entries alone are left for their
    /// callers, or for the next commit another caller starts.
    private func drain() async {
        while true {
            let batch = queue.withLock { queue in
                guard queue.pending.contains(where: { !$0.patient }) else {
                    queue.committing = false
                    return [Entry]()
                }
                let batch = Array(queue.pending.prefix(maximumBatchSize))
                queue.pending.removeFirst(batch.count)
                return batch
            }
            guard !batch.isEmpty else { return }
            let results = await commit(batch.map(\.item))
            precondition(results.count == batch.count, "a commit returns one result per item")
            for (entry, result) in zip(batch, results) { entry.ticket.fulfil(result) }
        }
    }
}

/// Runs a piece of work, the resumption of a task waiting for its append, somewhere of the caller's choosing.
public typealias AppendHandOff = @Sendable (_ resume: @escaping @Sendable () -> Void) -> Void

/// The result of one queued append, fulfilled once by the committer.
final class AppendTicket<Output: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Output, any Error>?)
        case done(Result<Output, any Error>)
    }

    private let state = Mutex(State.waiting(nil))
    private let handOff: AppendHandOff?

    init(handOff: AppendHandOff?) { self.handOff = handOff }

    /// Whether the result is in.
    var isFulfilled: Bool {
        state.withLock { state in
            if case .done = state { return true }
            return false
        }
    }

    func fulfil(_ result: Result<Output, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Output, any Error>? in
            guard case .waiting(let continuation) = state else { return nil }
            state = .done(result)
            return continuation
        }
        guard let continuation else { return }
        if let handOff { handOff { continuation.resume(with: result) } } else { continuation.resume(with: result) }
    }

    var value: Output {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let result = state.withLock { state -> Result<Output, any Error>? in
                    switch state {
                    case .done(let result): return result
                    case .waiting(let waiting):
                        // One task at a time awaits a ticket: a second would take the first one's place.
                        precondition(waiting == nil, "two tasks await the same append at once")
                        state = .waiting(continuation)
                        return nil
                    }
                }
                if let result { continuation.resume(with: result) }
            }
        }
    }
}
