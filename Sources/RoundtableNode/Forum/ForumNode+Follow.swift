import RoundtableDomain
import TransparencyLog

extension ForumNode {
    /// Reads what another front-end committed to the shared store since this node last looked, and takes it on: the
    /// entries replayed (their signatures trusted: the leader checked them), the records kept beside them, the log's
    /// latest checkpoints. A front-end that does not lead calls this to keep serving the forum as it stands; it
    /// writes nothing.
    /// - Returns: The number of entries taken on.
    /// - Throws: ``ForumNodeError/logBroken(_:)`` when an entry does not replay; the store's errors.
    @discardableResult
    public func catchUp() async throws -> UInt64 {
        let (state, size) = sequencer.snapshot
        let stored = try await store.entryCount()
        log.forgetCheckpoints()
        guard stored > size else { return 0 }
        exchange.adopt(lastDateAdded: try await store.latestDateAdded())
        var replay = ForumReplay(resuming: state, at: size)
        while replay.nextIndex < stored {
            let entries = try await store.entries(from: replay.nextIndex, limit: Int(min(stored - replay.nextIndex, 4096)))
            guard !entries.isEmpty else { break }
            for entry in entries { replay.apply(entry: entry, checkingSignature: false) }
        }
        if let problem = replay.problems.first { throw ForumNodeError.logBroken(problem.description) }
        guard var caughtUp = replay.state else { return 0 }
        caughtUp.apply(try await store.communicationRecords(fromAct: size).map { .communicationRecorded($0) })
        sequencer.adopt(state: caughtUp, size: replay.nextIndex)
        log.requireCosignatures(!caughtUp.witnesses.isEmpty)
        return replay.nextIndex - size
    }
}
