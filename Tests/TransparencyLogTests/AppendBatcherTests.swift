import Synchronization
import Testing
import TransparencyLog

@Suite("Append batching")
struct AppendBatcherTests {
    /// Records the batches a commit saw and whether two commits ever overlapped.
    final class CommitLog: Sendable {
        private let state = Mutex<(batches: [[Int]], running: Int, overlapped: Bool)>(([], 0, false))

        func commit(_ batch: [Int]) async -> [Result<Int, any Error>] {
            state.withLock { state in
                state.running += 1
                if state.running > 1 { state.overlapped = true }
                state.batches.append(batch)
            }
            await Task.yield()
            state.withLock { $0.running -= 1 }
            return batch.map { $0 < 0 ? .failure(Refused(value: $0)) : .success($0 * 10) }
        }

        var batches: [[Int]] { state.withLock { $0.batches } }
        var overlapped: Bool { state.withLock { $0.overlapped } }
    }

    struct Refused: Error, Equatable { let value: Int }

    @Test("every concurrent submitter gets its own result, and commits never overlap")
    func concurrentSubmitters() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 16) { await log.commit($0) }
        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for value in 0..<500 { group.addTask { (value, try await batcher.submit(value)) } }
            return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 500)
        #expect(results.allSatisfy { $0.value == $0.key * 10 })
        #expect(!log.overlapped)
        #expect(log.batches.allSatisfy { $0.count <= 16 })
        #expect(log.batches.flatMap { $0 }.sorted() == Array(0..<500))
    }

    @Test("a failure is returned to its own submitter only")
    func perItemFailure() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 8) { await log.commit($0) }
        await #expect(throws: Refused(value: -1)) { try await batcher.submit(-1) }
        #expect(try await batcher.submit(4) == 40)
    }

    @Test("submissions after the queue drained start a new commit")
    func sequentialSubmissions() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 8) { await log.commit($0) }
        for value in 1...3 { #expect(try await batcher.submit(value) == value * 10) }
        #expect(log.batches == [[1], [2], [3]])
    }

    @Test("items submitted together are committed together, in order and with nothing between them; each gets its own result")
    func submittedTogether() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 4_096) { await log.commit($0) }
        #expect(await batcher.submit(contentsOf: []).isEmpty)
        let results = try await withThrowingTaskGroup(of: [Int: Result<Int, Refused>].self) { group in
            for value in 0..<200 { group.addTask { [value: .success(try await batcher.submit(value))] } }
            group.addTask {
                let together = [1_000, -1_001, 1_002, 1_003]
                let results = await batcher.submit(contentsOf: together)
                return Dictionary(uniqueKeysWithValues: zip(together, results.map { $0.mapError { $0 as! Refused } }))
            }
            return try await group.reduce(into: [Int: Result<Int, Refused>]()) { $0.merge($1) { first, _ in first } }
        }
        #expect(results[1_000] == .success(10_000) && results[1_002] == .success(10_020) && results[1_003] == .success(10_030))
        #expect(results[-1_001] == .failure(Refused(value: -1_001)))
        #expect(results.count == 204)
        let holding = log.batches.filter { $0.contains(1_000) }
        #expect(holding.count == 1)
        let batch = holding.first ?? []
        let start = batch.firstIndex(of: 1_000) ?? 0
        #expect(Array(batch[start..<min(start + 4, batch.count)]) == [1_000, -1_001, 1_002, 1_003])
        #expect(!log.overlapped)
    }

    /// A commit that holds its first batch until it is let go, so that a test can queue items behind a commit under way.
    final class HeldCommit: Sendable {
        let log = CommitLog()
        private let state = Mutex<(started: Bool, released: Bool, waiting: CheckedContinuation<Void, Never>?)>((false, false, nil))

        func commit(_ batch: [Int]) async -> [Result<Int, any Error>] {
            await withCheckedContinuation { continuation in
                let resume = state.withLock { state -> Bool in
                    state.started = true
                    if state.released { return true }
                    state.waiting = continuation
                    return false
                }
                if resume { continuation.resume() }
            }
            return await log.commit(batch)
        }

        var started: Bool { state.withLock { $0.started } }

        func release() {
            let waiting = state.withLock { state in
                state.released = true
                defer { state.waiting = nil }
                return state.waiting
            }
            waiting?.resume()
        }
    }

    /// Yields until `condition` holds.
    private func waitUntil(_ condition: () -> Bool) async {
        while !condition() { await Task.yield() }
    }

    @Test("patient items start no commit of their own: they join the next commit another caller starts", .timeLimit(.minutes(5)))
    func patientItemsJoinTheNextCommit() async throws {
        let held = HeldCommit()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 4_096) { await held.commit($0) }
        async let first = batcher.submit(1)
        await waitUntil { held.started }
        // Queued behind the commit under way, with a patience no test waits out.
        async let patient = batcher.submit(contentsOf: [100, 101], patience: .seconds(600))
        await waitUntil { batcher.queuedCount == 2 }
        held.release()
        #expect(try await first == 10)
        // The committer finished its batch and found only patient items: it left them queued.
        #expect(batcher.queuedCount == 2)
        #expect(held.log.batches == [[1]])
        #expect(try await batcher.submit(2) == 20)
        let results = await patient
        #expect(results.map { try? $0.get() } == [1_000, 1_010])
        #expect(held.log.batches == [[1], [100, 101, 2]])
        #expect(!held.log.overlapped)
    }

    @Test("patient items that no other commit takes are committed once their patience runs out", .timeLimit(.minutes(5)))
    func patienceRunsOut() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 4_096) { await log.commit($0) }
        let clock = ContinuousClock()
        let start = clock.now
        let results = await batcher.submit(contentsOf: [5, -6, 7], patience: .milliseconds(20))
        #expect(clock.now - start >= .milliseconds(20))
        #expect(results.map { try? $0.get() } == [50, nil, 70])
        #expect(log.batches == [[5, -6, 7]])
        #expect(batcher.queuedCount == 0)
    }

    @Test("a patient submission cancelled while it waits commits its items at once rather than leaving them queued",
        .timeLimit(.minutes(5)))
    func cancelledPatience() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 4_096) { await log.commit($0) }
        let task = Task { await batcher.submit(contentsOf: [8, 9], patience: .seconds(600)) }
        await waitUntil { batcher.queuedCount == 2 }
        #expect(log.batches.isEmpty)
        task.cancel()
        #expect(await task.value.map { try? $0.get() } == [80, 90])
        #expect(log.batches == [[8, 9]])
    }

    @Test("hurrying ends the patience of the items queued: they are committed at once", .timeLimit(.minutes(5)))
    func hurry() async throws {
        let log = CommitLog()
        let batcher = AppendBatcher<Int, Int>(maximumBatchSize: 4_096) { await log.commit($0) }
        async let patient = batcher.submit(contentsOf: [3, 4], patience: .seconds(600))
        await waitUntil { batcher.queuedCount == 2 }
        await batcher.hurry()
        #expect(log.batches == [[3, 4]])
        #expect(await patient.map { try? $0.get() } == [30, 40])
        // With nothing queued, hurrying commits nothing.
        await batcher.hurry()
        #expect(log.batches == [[3, 4]])
    }
}
