import Foundation
import RoundtableTestSupport
import RoundtableWitness
import Testing
import TransparencyLog

/// The latest cosigned checkpoint only moves forward, by an atomic compare-and-swap that is on disk before the answer.
@Suite("The witness's compare-and-swap")
struct CompareAndSwapTests {
    @Test("concurrent requests from the same old size: exactly one is cosigned, the others get 409 with the size it set")
    func concurrentRequests() async throws {
        try await TestWitness.serving { witness, url in
            var old: UInt64 = 0
            for round in 0..<3 {
                let sizes = (1...12).map { old + UInt64($0) }
                let answers = try await withThrowingTaskGroup(of: (UInt64, TestWitness.Answer).self) { group in
                    for size in sizes {
                        let body = try witness.log.request(old: old, size: size)
                        group.addTask { (size, try await TestWitness.post(body, to: url)) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let cosigned = answers.filter { $0.1.status == 200 }.map(\.0)
                try #require(cosigned.count == 1, "round \(round): \(answers.map { ($0.0, $0.1.status) })")
                for (size, answer) in answers where size != cosigned[0] {
                    #expect(answer.status == 409 && answer.text == "\(cosigned[0])\n", "round \(round), size \(size)")
                }
                old = cosigned[0]
            }
            let (_, served) = try await TestWitness.get(witness.checkpointPath, from: url)
            #expect(try Checkpoint.open(served, logKey: witness.log.signer.verifier).0.size == old)
        }
    }

    @Test("the store swaps only from the checkpoint the caller read: of concurrent swaps from one state, one wins")
    func storeSwap() async throws {
        let witness = try TestWitness(log: try WitnessTestLog())
        defer { witness.remove() }
        let store = try await witness.open().store
        let records = try (1...16).map { size in
            CosignedCheckpoint(checkpoint: try witness.log.checkpoint(size: UInt64(size)), note: try witness.log.note(size: UInt64(size)))
        }
        let won = try await withThrowingTaskGroup(of: Bool.self) { group in
            for record in records { group.addTask { try await store.replace(nil, with: record) } }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(won == 1)
        let latest = try #require(try await store.latest(origin: witness.log.origin))
        #expect(try await store.replace(nil, with: records[0]) == false)
        #expect(try await store.replace(records.first { !$0.isSameTree(as: latest) }, with: records[0]) == false)
        #expect(try await store.replace(latest, with: records[15]) == true)
        #expect(try await store.latest(origin: witness.log.origin)?.checkpoint.size == 16)
    }

    @Test("after a restart the witness refuses a smaller tree or another root for the size it cosigned")
    func restart() async throws {
        let witness = try TestWitness(log: try WitnessTestLog())
        defer { witness.remove() }
        try await witness.serve { url in
            let first = try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url)
            #expect(first.status == 200)
        }
        try await witness.serve { url in
            let stale = try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url)
            #expect(stale.status == 409 && stale.text == "5\n")
            #expect(try await TestWitness.post(try witness.log.request(old: 5, size: 3, proof: []), to: url).status == 400)
            #expect(try await TestWitness.post(try witness.log.request(old: 3, size: 3), to: url).status == 409)
            #expect(try await TestWitness.post(try witness.log.fork().request(old: 5, size: 5), to: url).status == 422)
            #expect(try await TestWitness.post(try witness.log.request(old: 5, size: 5), to: url).status == 200)
        }
    }

    @Test("a split view, two checkpoints of one size with different roots, is refused the second time, however it is sent")
    func splitView() async throws {
        try await TestWitness.serving { witness, url in
            let fork = try witness.log.fork()
            #expect(try await TestWitness.post(try witness.log.request(old: 0, size: 5), to: url).status == 200)
            #expect(try await TestWitness.post(try fork.request(old: 0, size: 5), to: url).status == 409)
            #expect(try await TestWitness.post(try fork.request(old: 5, size: 5), to: url).status == 422)
            let (_, served) = try await TestWitness.get(witness.checkpointPath, from: url)
            #expect(try Checkpoint.open(served, logKey: witness.log.signer.verifier).0 == (try witness.log.checkpoint(size: 5)))
        }
    }
}
