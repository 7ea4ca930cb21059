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
}
