import Foundation
import RoundtableDomain
import TransparencyLog

/// An auditing witness's replay of a forum's log, in memory: the tree of the entries replayed, where the replay
/// stands after them, and how the store holds it (a snapshot, and the entries kept after it).
struct ReplayedLog: Sendable {
    /// The tree of the entries replayed; its size is their number.
    var range: CompactRange
    /// The replay after those entries.
    var snapshot: ReplaySnapshot
    /// The size of the stored snapshot, in bytes; 0 without one.
    var snapshotBytes: Int
    /// The bytes of the entries stored after the snapshot.
    var keptBytes: Int

    /// Nothing replayed yet: the log's start.
    static let start = ReplayedLog(range: CompactRange(), snapshot: ReplaySnapshot(), snapshotBytes: 0, keptBytes: 0)

    init(range: CompactRange, snapshot: ReplaySnapshot, snapshotBytes: Int, keptBytes: Int) {
        self.range = range
        self.snapshot = snapshot
        self.snapshotBytes = snapshotBytes
        self.keptBytes = keptBytes
    }

    /// Restores a replay from the store: decodes the snapshot and replays the entries kept after it, without verifying
    /// their signatures again (they were verified before they were stored).
    /// - Parameter stored: What the store holds.
    /// - Throws: ``WitnessError`` with code `unavailable` when the stored replay does not decode or does not replay to
    ///   its size without a problem: the database was damaged.
    init(stored: StoredReplay) throws(WitnessError) {
        let start: ReplaySnapshot
        do { start = try stored.snapshot.map { try JSONDecoder().decode(ReplaySnapshot.self, from: Data($0)) } ?? ReplaySnapshot() } catch {
            throw Self.damaged("its snapshot does not decode: \(error)")
        }
        var pipeline = ReplayPipeline(resuming: start)
        pipeline.replayVerified(stored.entries)
        guard start.nextIndex == stored.snapshotIndex, pipeline.replay.problems.isEmpty, pipeline.replay.nextIndex == stored.size,
            let range = try? CompactRange(size: stored.size, hashes: stored.range)
        else { throw Self.damaged("it does not replay to its size \(stored.size) without a problem") }
        self.range = range
        snapshot = pipeline.snapshot
        snapshotBytes = stored.snapshot?.count ?? 0
        keptBytes = stored.entries.reduce(0) { $0 + $1.count }
    }

    /// Whether entries of `bytes` more may be kept after the snapshot rather than replaced by a new one: while all the
    /// entries kept weigh no more than four times the snapshot (or `minimum`). A byte of entries re-applies about four
    /// times faster than a byte of snapshot decodes, so a restart spends about as long on the entries as on the
    /// snapshot; and a snapshot is rewritten only once for four times its bytes in entries.
    /// - Parameters:
    ///   - bytes: The bytes of the new entries.
    ///   - minimum: The bytes of entries that may always be kept.
    func mayKeep(_ bytes: Int, minimum: Int) -> Bool {
        keptBytes + bytes <= max(4 * snapshotBytes, minimum)
    }

    private static func damaged(_ reason: String) -> WitnessError {
        WitnessError(.unavailable, "the witness's stored replay of the log is damaged (\(reason)); nothing was cosigned")
    }
}
