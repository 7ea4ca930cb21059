import Foundation
public import RoundtableDomain
public import TransparencyLog

/// Replays a forum from its public log: downloads and authenticates every entry (``LogAuditor``), verifies
/// signatures on every core while the previous batch is replayed in order, and collects every act that does not
/// follow from the ones before it.
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
        /// Why the checkpoint does not count under the forum's own witness rule, as the replayed log states it (when the
        /// client had no policy of its own); `nil` when it does or no witness is registered.
        public let witnessProblem: String?

        /// Whether the audit found nothing wrong.
        public var passed: Bool { state != nil && problems.isEmpty && witnessProblem == nil }

        /// What the audit found, for people.
        public var summary: String {
            guard let state else { return "FAIL \(checkpoint.origin): the log holds no genesis" }
            let proposals = state.governance.proposals.values
            var outcomes: [String: Int] = [:]
            for proposal in proposals { outcomes[proposal.decision?.outcome.rawValue ?? proposal.stage.rawValue, default: 0] += 1 }
            let breakdown = outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            let rate = Double(checkpoint.size) / max(seconds, 0.001)
            return """
                \(passed ? "OK" : "FAIL") \(checkpoint.origin) size \(checkpoint.size): tiles and root match the signed checkpoint; \
                \(checkpoint.size) acts replayed in \(String(format: "%.2f", seconds)) s (\(Figures.grouped(rate)) acts/s)
                  \(state.members.count) members (\(state.members.values.filter { $0.status == .suspended }.count) suspended), \
                rules version \(state.governance.rulesVersion), \(proposals.count) proposals\(proposals.isEmpty ? "" : " (\(breakdown))")
                  \(witnessProblem.map { "NOT WITNESSED under the forum's witness rule: \($0)" } ?? witnessLine(state))
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
        let parallelism = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var replay = ForumReplay()
        var keys = KeyDirectory()
        var buffer: [[UInt8]] = []
        var preparing: Task<(prepared: [ReplayBatch.Prepared], keys: KeyDirectory), Never>?

        // Batch k is verified on every core while batch k-1 is replayed here, in order.
        func hand(_ entries: [[UInt8]]) async {
            let previous = await preparing?.value
            if let previous { keys = previous.keys }
            let directory = keys
            preparing = entries.isEmpty ? nil : Task { await ReplayBatch.prepare(entries, keys: directory, parallelism: parallelism) }
            if let previous { replay.apply(previous.prepared) }
        }

        let checkpoint = try await LogAuditor(client: client).audit(
            progress: { state in progress("  audited \(state.entries) of \(state.total) entries, \(state.tiles) tiles") },
            entries: { entries in
                buffer += entries
                if buffer.count >= batchSize {
                    await hand(buffer)
                    buffer = []
                }
            })
        await hand(buffer)
        await hand([])
        progress("")
        return Report(
            checkpoint: checkpoint, state: replay.state, problems: replay.problems, seconds: Figures.seconds(ContinuousClock.now - start),
            witnessProblem: try await witnessProblem(checkpoint, state: replay.state))
    }

    /// Checks the audited checkpoint against the forum's witness rule, when the client has no policy of its own.
    private func witnessProblem(_ audited: Checkpoint, state: ForumState?) async throws -> String? {
        guard client.policy == nil, let policy = state?.witnessPolicy(logKey: client.logKey) else { return nil }
        let latest = try await client.latestCheckpoint()
        guard latest.checkpoint == audited else { return "the log moved on during the audit (now size \(latest.checkpoint.size)); run it again" }
        let report = policy.report(on: try SignedNote(parsing: latest.note))
        return report.satisfied ? nil : report.shortfall
    }
}

extension ForumAuditor.Report {
    fileprivate func witnessLine(_ state: ForumState) -> String {
        state.witnesses.isEmpty
            ? "no member witness is registered: the checkpoint rests on the node's signature alone"
            : "cosigned by \(state.requiredCosignatures) or more of the \(state.witnesses.count) member witnesses, as the forum's rule requires"
    }
}
