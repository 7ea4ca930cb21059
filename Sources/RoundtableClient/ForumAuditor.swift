import Foundation
public import RoundtableDomain
public import TransparencyLog

/// Replays a forum from its public log: downloads and authenticates every entry (``LogAuditor``), replays them
/// through a ``ReplayPipeline`` (signatures verified on every core while the previous batch is replayed in order), and
/// collects every act that does not follow from the ones before it.
public struct ForumAuditor: Sendable {
    /// What an audit found.
    public struct Report: Sendable {
        /// The checkpoint audited.
        public let checkpoint: Checkpoint
        /// The state the log gives, `nil` when it has no genesis.
        public let state: ForumState?
        /// The acts that do not follow from the ones before them.
        public let problems: [ForumReplay.Problem]
        /// How long the audit took.
        public let seconds: Double

        /// What the audit found, for people.
        public var summary: String {
            guard let state else { return "FAIL \(checkpoint.origin): the log holds no genesis" }
            let proposals = state.governance.proposals.values
            var outcomes: [String: Int] = [:]
            for proposal in proposals { outcomes[proposal.decision?.outcome.rawValue ?? proposal.stage.rawValue, default: 0] += 1 }
            let breakdown = outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let rate = Double(checkpoint.size) / max(seconds, 0.001)
            return """
                \(problems.isEmpty ? "OK" : "FAIL") \(checkpoint.origin) size \(checkpoint.size): tiles and root match the signed checkpoint; \
                \(checkpoint.size) acts replayed in \(String(format: "%.2f", seconds)) s (\(Figures.grouped(rate)) acts/s)
                  \(state.members.count) members (\(state.members.values.filter { $0.status == .suspended }.count) suspended), \
                rules version \(state.governance.rulesVersion), \(proposals.count) proposals\(proposals.isEmpty ? "" : " (\(breakdown))")
                  \(problems.isEmpty ? "every signature is valid and every decision follows from the acts" : "\(problems.count) acts do not follow:")
                """
        }
    }

    /// Reads the log.
    public let client: LogClient
    /// How many entries are verified together.
    public let batchSize: Int

    /// Creates an auditor.
    public init(client: LogClient, batchSize: Int) {
        self.client = client
        self.batchSize = batchSize
    }

    /// Audits the log up to its latest checkpoint, reporting progress as it goes.
    public func audit(progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        let start = ContinuousClock.now
        var pipeline = ReplayPipeline(batchSize: batchSize)
        let checkpoint = try await LogAuditor(client: client).audit(
            progress: { state in progress("  audited \(state.entries) of \(state.total) entries, \(state.tiles) tiles") },
            entries: { entries in await pipeline.feed(entries) })
        await pipeline.finish()
        progress("")
        let replay = pipeline.replay
        return Report(checkpoint: checkpoint, state: replay.state, problems: replay.problems, seconds: Figures.seconds(ContinuousClock.now - start))
    }
}
