import RoundtableDomain
import Synchronization
import TransparencyLog

/// Orders verified acts against the forum's state and commits each batch in one store transaction, at the index the
/// node expects.
///
/// Only the batcher's committer calls ``commit(_:)``, one batch at a time. When the store's log is not where the node
/// left it, the sequencer halts the node's writes instead of retrying.
final class ActSequencer<Store: ForumStore>: Sendable {
    private let store: Store
    private let gate: NodeWriteGate
    private let current: Mutex<(state: ForumState, nextIndex: UInt64)>
    /// Wakes the tasks waiting for a commit.
    let commits: ProgressSignal

    init(store: Store, state: ForumState, nextIndex: UInt64, gate: NodeWriteGate) {
        self.store = store
        self.gate = gate
        self.current = Mutex((state, nextIndex))
        self.commits = ProgressSignal(size: nextIndex)
    }

    var state: ForumState { current.withLock { $0.state } }

    /// The state and the number of entries that made it, read together.
    var snapshot: (state: ForumState, size: UInt64) { current.withLock { ($0.state, $0.nextIndex) } }

    /// The number of entries the node has committed.
    var committedSize: UInt64 { current.withLock { $0.nextIndex } }

    func commit(_ batch: [VerifiedAct]) async -> [Result<ActReceipt, any Error>] {
        do { try gate.check() } catch { return batch.map { _ in .failure(error) } }
        var (state, nextIndex) = current.withLock { $0 }
        var records: [ActRecord] = []
        var outcomes: [Result<Int, ActError>] = []
        for verified in batch {
            do {
                let index = nextIndex + UInt64(records.count)
                let changes = try state.check(verified, at: index) + (verified.attachments?(index) ?? [])
                state.apply(changes)
                outcomes.append(.success(records.count))
                records.append(ActRecord(entry: verified.entry, changes: changes))
            } catch {
                outcomes.append(.failure(error))
            }
        }
        let first = nextIndex
        if !records.isEmpty {
            do {
                let started = ContinuousClock.now
                try await store.append(records, at: first)
                NodeMetrics.committed(acts: records.count, in: ContinuousClock.now - started)
            } catch {
                let failure = await failed(error, expected: first)
                return batch.map { _ in .failure(failure) }
            }
            nextIndex += UInt64(records.count)
        }
        current.withLock { [state, nextIndex] in $0 = (state, nextIndex) }
        commits.advance(to: nextIndex)
        return zip(batch, outcomes).map { verified, outcome in
            outcome.map { ActReceipt(index: first + UInt64($0), act: verified.act) }.mapError { $0 }
        }
    }

    /// Takes on what another front-end committed: the state and size it reached, read back from the store. Only a
    /// front-end that does not write calls this (``ForumNode/catchUp()``).
    func adopt(state: ForumState, size: UInt64) {
        current.withLock { $0 = (state, size) }
        commits.advance(to: size)
    }

    /// What a failed append means: a store whose log still ends where the node expects failed for a passing reason
    /// (a full disk) and wrote nothing; any other store is out of step, and the node stops writing.
    private func failed(_ error: any Error, expected: UInt64) async -> ForumNodeError {
        let outOfStep: ForumNodeError
        if let error = error as? NotLeading {
            gate.halt(error.description)
            return .halted(error.description)
        }
        if let error = error as? AppendOutOfStep {
            outOfStep = .logOutOfStep(expected: error.expected, stored: error.stored)
        } else {
            do {
                let stored = try await store.entryCount()
                guard stored != expected else { return .storageFailed(error) }
                outOfStep = .logOutOfStep(expected: expected, stored: stored)
            } catch let countError {
                outOfStep = .storeUnreadable(write: error, read: countError)
            }
        }
        gate.halt(outOfStep.description)
        return outOfStep
    }
}
