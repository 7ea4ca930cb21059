import Foundation

/// A forum's replay fed with its log's entries in order: each batch is parsed and its signatures verified on every
/// core (``ReplayBatch``) while the batch before it is replayed, in log order, on one (``ForumReplay``).
///
/// `roundtable audit` replays a whole log through it, and an auditing witness the entries a new checkpoint adds.
/// ```swift
/// var pipeline = ReplayPipeline(resuming: snapshot)
/// for bundle in bundles { await pipeline.feed(bundle) }
/// await pipeline.finish()
/// let problems = pipeline.replay.problems
/// ```
public struct ReplayPipeline: Sendable {
    /// The replay of the entries fed so far, complete once ``finish()`` returned.
    public private(set) var replay: ForumReplay
    /// The keys named by the entries fed so far, complete once ``finish()`` returned.
    public private(set) var keys: KeyDirectory
    /// How many entries are verified together.
    public let batchSize: Int
    /// How many tasks verify a batch.
    public let parallelism: Int
    private var buffer: [[UInt8]] = []
    private var preparing: Task<(prepared: [ReplayBatch.Prepared], keys: KeyDirectory), Never>?

    /// Creates a pipeline.
    /// - Parameters:
    ///   - snapshot: Where the replay starts; the log's start by default.
    ///   - batchSize: How many entries are verified together.
    ///   - parallelism: How many tasks verify a batch; the machine's cores by default.
    public init(resuming snapshot: ReplaySnapshot = ReplaySnapshot(), batchSize: Int = 8192, parallelism: Int? = nil) {
        replay = ForumReplay(resuming: snapshot.state, at: snapshot.nextIndex)
        keys = snapshot.keys
        self.batchSize = max(1, batchSize)
        self.parallelism = parallelism ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Where the replay stands, once ``finish()`` returned.
    public var snapshot: ReplaySnapshot {
        precondition(preparing == nil && buffer.isEmpty, "finish the pipeline before taking its snapshot")
        return ReplaySnapshot(state: replay.state, nextIndex: replay.nextIndex, keys: keys)
    }

    /// Hands over the next entries of the log.
    /// - Parameter entries: Entries following those fed before.
    public mutating func feed(_ entries: [[UInt8]]) async {
        buffer += entries
        guard buffer.count >= batchSize else { return }
        let batch = buffer
        buffer = []
        await hand(batch)
    }

    /// Replays every entry fed so far.
    public mutating func finish() async {
        let batch = buffer
        buffer = []
        await hand(batch)
        await hand([])
    }

    /// Replays entries whose signatures were verified before (by this replay, before a restart), without verifying
    /// them again; call it with nothing pending.
    /// - Parameter entries: Entries following those replayed so far.
    public mutating func replayVerified(_ entries: [[UInt8]]) {
        precondition(preparing == nil && buffer.isEmpty, "finish the pipeline before replaying verified entries")
        for entry in entries {
            do throws(ActError) {
                let logged = try LoggedAct(parsing: entry)
                keys.add(keysNamedBy: logged.act)
                replay.apply(logged, signatures: nil)
            } catch {
                replay.skipUnparsable(entry, error)
            }
        }
    }

    /// Starts verifying `entries` on every core, then replays the batch verified before.
    private mutating func hand(_ entries: [[UInt8]]) async {
        let previous = await preparing?.value
        if let previous { keys = previous.keys }
        let directory = keys
        let parallelism = parallelism
        preparing = entries.isEmpty ? nil : Task { await ReplayBatch.prepare(entries, keys: directory, parallelism: parallelism) }
        if let previous { replay.apply(previous.prepared) }
    }
}
