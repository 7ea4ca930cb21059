import Synchronization

/// Groups concurrent appends into batches so that one durable commit serves many callers.
///
/// The first caller to find no commit under way becomes the committer: it commits what is queued, batch after batch,
/// until the queue is empty. Every other caller waits for its own result. No task is spawned, and the commit
/// function is never run twice at once, so it may read and update state without further locking.
public final class AppendBatcher<Item: Sendable, Output: Sendable>: Sendable {
    /// Commits a batch and returns one result per item, in order.
    public typealias Commit = @Sendable ([Item]) async -> [Result<Output, any Error>]

    private struct Queue {
        var pending: [(item: Item, ticket: AppendTicket<Output>)] = []
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

    /// Queues an item and returns its result once the batch holding it is committed.
    /// - Parameters:
    ///   - item: The item to append.
    ///   - handOff: Runs the resumption of the calling task, once its result is ready, where the caller wants it to
    ///     run: a runtime where the thread that resumes a task chooses where it runs (SwiftNIO's event loops as Swift
    ///     concurrency's executor) then resumes each caller on its own thread rather than on the committer's.
    public func submit(_ item: Item, handOff: AppendHandOff? = nil) async throws -> Output {
        let ticket = AppendTicket<Output>(handOff: handOff)
        await enqueue(CollectionOfOne((item, ticket)))
        return try await ticket.value
    }

    /// Queues items together, in order and with nothing between them, and returns their results once the batches
    /// holding them are committed: items that depend on each other's order (acts numbered in sequence) then share a
    /// commit (unless they pass ``maximumBatchSize``), instead of each waiting for the commit of the one before.
    /// - Parameters:
    ///   - items: The items to append, in order.
    ///   - handOff: As for ``submit(_:handOff:)``.
    /// - Returns: One result per item, in order.
    public func submit(contentsOf items: [Item], handOff: AppendHandOff? = nil) async -> [Result<Output, any Error>] {
        guard !items.isEmpty else { return [] }
        let tickets = items.map { _ in AppendTicket<Output>(handOff: handOff) }
        await enqueue(zip(items, tickets).map { ($0, $1) })
        var results: [Result<Output, any Error>] = []
        for ticket in tickets {
            do { results.append(.success(try await ticket.value)) } catch { results.append(.failure(error)) }
        }
        return results
    }

    /// Queues entries together; the caller that finds no commit under way becomes the committer.
    private func enqueue(_ entries: some Collection<(item: Item, ticket: AppendTicket<Output>)>) async {
        let leads = queue.withLock { queue in
            queue.pending.append(contentsOf: entries)
            defer { queue.committing = true }
            return !queue.committing
        }
        if leads { await drain() }
    }

    private func drain() async {
        while true {
            let batch = queue.withLock { queue in
                let batch = Array(queue.pending.prefix(maximumBatchSize))
                queue.pending.removeFirst(batch.count)
                if batch.isEmpty { queue.committing = false }
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
                    case .waiting:
                        state = .waiting(continuation)
                        return nil
                    }
                }
                if let result { continuation.resume(with: result) }
            }
        }
    }
}
