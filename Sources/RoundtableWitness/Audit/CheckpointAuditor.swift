import Foundation
import RoundtableDomain
import TransparencyLog

/// The auditing part of a witness. Before a checkpoint of a forum's log is cosigned, it fetches the entries the
/// checkpoint adds to those the witness replayed, checks that together they make the checkpoint's tree, and replays
/// them under the forum's rules (``ReplayPipeline``, the code of `roundtable audit`): every signature, membership,
/// rule, ballot and decision.
///
/// Only entry bundles are fetched: the tree of the entries replayed so far is kept (a ``CompactRange``), so the new
/// entries' leaf hashes extend it to the checkpoint's root, which the log signed, without any hash tile.
struct CheckpointAuditor<Store: WitnessStore>: Sendable {
    /// An audit that passed: the update to store with the cosigned checkpoint, and the replay to keep once stored.
    struct Audited: Sendable {
        /// The replay after the checkpoint's entries.
        let replayed: ReplayedLog
        /// What the store writes with the checkpoint.
        let update: ReplayUpdate
    }

    /// Where replays and refusals are kept.
    let store: Store
    /// Makes a fetcher for a log's URL prefix; `nil` for a witness that audits no log.
    let fetcher: (@Sendable (String) -> any LogFetcher)?
    /// How the replay runs.
    let options: AuditOptions
    private let cache = ReplayCache()

    init(store: Store, fetcher: (@Sendable (String) -> any LogFetcher)?, options: AuditOptions) {
        self.store = store
        self.fetcher = fetcher
        self.options = options
    }

    /// Audits the entries a checkpoint adds to those replayed, if the log is audited and the checkpoint adds any.
    /// - Parameters:
    ///   - submission: The checkpoint, authenticated and consistent with the latest one cosigned.
    ///   - log: Its log.
    ///   - time: The time, in POSIX seconds, written on a refusal's evidence.
    /// - Returns: The update to store with the cosigned checkpoint; `nil` when there is nothing to replay.
    /// - Throws: ``WitnessError``: `actRefused` naming the first entry that does not follow (its evidence stored),
    ///   `inconsistent` when the entries served do not make the checkpoint's tree, `logUnavailable` or `unavailable`.
    func audit(_ submission: CheckpointSubmission, of log: WitnessedLog, time: UInt64) async throws(WitnessError) -> Audited? {
        guard let url = log.auditURL else { return nil }
        let replayed = try await replayed(origin: log.origin)
        let checkpoint = submission.checkpoint
        guard checkpoint.size > replayed.range.size else { return nil }
        guard let fetcher else { throw WitnessError(.logUnavailable, "this witness was started without a way to fetch \(url)") }
        let run = try await replay(from: replayed, to: checkpoint, fetcher: fetcher(url), url: url)
        guard run.range.rootHash == checkpoint.root else {
            throw WitnessError(
                .inconsistent,
                "the entries \(replayed.range.size) to \(checkpoint.size - 1) that \(url) serves, after the \(replayed.range.size) the witness "
                    + "replayed, do not make the tree of the signed checkpoint: the log does not serve the tree it signed")
        }
        if let problem = run.pipeline.replay.problems.first {
            throw await refusal(problem, submission: submission, time: time)
        }
        return try Self.audited(replayed, run: run, origin: log.origin)
    }

    /// Keeps the replay of an audit whose checkpoint was stored.
    func stored(_ audited: Audited) { cache.keep(audited.replayed, origin: audited.update.origin) }

    /// Forgets the replay of an audit whose checkpoint was not stored: the store may have moved on.
    func notStored(_ audited: Audited) { cache.forget(origin: audited.update.origin) }

    /// The replay so far, from memory or restored from the store.
    private func replayed(origin: String) async throws(WitnessError) -> ReplayedLog {
        if let replayed = cache.replayed(origin: origin) { return replayed }
        let stored: StoredReplay?
        do { stored = try await store.replay(origin: origin) } catch {
            throw WitnessError(.unavailable, "the witness's store failed (\(error)); nothing was cosigned, try again later")
        }
        let replayed = try stored.map { stored throws(WitnessError) in try ReplayedLog(stored: stored) } ?? .start
        cache.keep(replayed, origin: origin)
        return replayed
    }

    /// What fetching and replaying the new entries gave: the tree, the replay, and the entries to keep after the
    /// snapshot (`nil` when a new snapshot is due instead).
    private struct Run {
        var range: CompactRange
        var pipeline: ReplayPipeline
        var kept: [[UInt8]]? = []
        var keptBytes = 0
    }

    /// Fetches each bundle from the one holding the first new entry to the checkpoint's last, extends the tree with
    /// the new entries and replays them; after a problem, only the tree is extended.
    private func replay(from replayed: ReplayedLog, to checkpoint: Checkpoint, fetcher: any LogFetcher, url: String)
        async throws(WitnessError) -> Run
    {
        var run = Run(range: replayed.range, pipeline: ReplayPipeline(resuming: replayed.snapshot, batchSize: options.batchSize))
        for bundle in (replayed.range.size >> 8)...((checkpoint.size - 1) >> 8) {
            let tile = TileLayout.tile(level: 0, index: bundle, treeSize: checkpoint.size)!
            let entries = Array(try await Self.fetching(url) { try await fetcher.entryBundle(tile) }.dropFirst(Int(run.range.size - (bundle << 8))))
            for entry in entries { run.range.append(MerkleHasher.leafHash(entry)) }
            if run.pipeline.replay.problems.isEmpty { await run.pipeline.feed(entries) }
            run.keptBytes += entries.reduce(0) { $0 + $1.count }
            if replayed.mayKeep(run.keptBytes, minimum: options.minimumKeptBytes) { run.kept?.append(contentsOf: entries) } else { run.kept = nil }
        }
        await run.pipeline.finish()
        return run
    }

    private static func audited(_ replayed: ReplayedLog, run: Run, origin: String) throws(WitnessError) -> Audited {
        let snapshot = run.pipeline.snapshot
        var next = ReplayedLog(
            range: run.range, snapshot: snapshot, snapshotBytes: replayed.snapshotBytes, keptBytes: replayed.keptBytes + run.keptBytes)
        let record: ReplayUpdate.Record
        if let kept = run.kept {
            record = .entries(kept)
        } else {
            let bytes: [UInt8]
            do { bytes = Array(try JSONEncoder().encode(snapshot)) } catch {
                throw WitnessError(.unavailable, "the witness could not encode its replay (\(error)); nothing was cosigned")
            }
            record = .snapshot(bytes)
            next.snapshotBytes = bytes.count
            next.keptBytes = 0
        }
        let update = ReplayUpdate(origin: origin, previousSize: replayed.range.size, size: run.range.size, range: run.range.hashes, record: record)
        return Audited(replayed: next, update: update)
    }

    /// The refusal of an entry that does not follow, after storing its evidence.
    private func refusal(_ problem: ForumReplay.Problem, submission: CheckpointSubmission, time: UInt64) async -> WitnessError {
        let reason = "\(problem.error.code): \(problem.error.message)"
        let evidence = AuditRefusal(
            checkpoint: submission.checkpoint, note: submission.note.bytes, index: problem.index, entry: problem.entry, reason: reason, time: time)
        var stored = ""
        do { try await store.storeRefusal(evidence) } catch { stored = " (the witness could not store this refusal: \(error))" }
        return WitnessError(
            .actRefused,
            "entry \(problem.index) does not follow from the entries before it: \(reason); "
                + "the witness cosigns no checkpoint that includes it\(stored)")
    }

    /// Runs a fetch; a bundle that does not parse is the log's fault (422), anything else a failure to fetch (503).
    private static func fetching<T>(_ url: String, _ body: () async throws -> T) async throws(WitnessError) -> T {
        do { return try await body() } catch let error as LogClientError {
            if case .malformed = error { throw WitnessError(.inconsistent, "the log at \(url): \(error)") }
            throw WitnessError(.logUnavailable, "the log at \(url): \(error); nothing was cosigned, try again later")
        } catch {
            throw WitnessError(.logUnavailable, "the witness could not fetch the log's entries: \(error); nothing was cosigned, try again later")
        }
    }
}
