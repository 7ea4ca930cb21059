import Foundation
public import RoundtableDomain
public import TransparencyLog
import RoundtableAPI

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
        /// Why the checkpoint does not count under the forum's own witness rule, as the replayed log states it (when the
        /// client had no policy of its own); `nil` when it does or no witness is registered.
        public let witnessProblem: String?

        /// Counted votes that witnessed time shows were logged after their ballot's window ended.
        public let lateVotes: [ForumState.LateVote]
        /// Why late votes could not be looked for, if they could not (no list of cosigned checkpoints where the log is).
        public let lateVotesUnchecked: String?

        /// The node's communication figures (`/api/v1/communication`) that differ from those the replayed log gives.
        public let communicationDifferences: [CommunicationFigureCheck.Difference]
        /// Why the communication figures could not be compared, if they could not.
        public let communicationUnchecked: String?

        /// Whether the audit found nothing wrong.
        public var passed: Bool {
            state != nil && problems.isEmpty && witnessProblem == nil && lateVotes.isEmpty && communicationDifferences.isEmpty
        }

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
                """ + lateVoteLines + communicationLines
        }

        private var communicationLines: String {
            if let communicationUnchecked { return "\n  communication figures not compared: \(communicationUnchecked)" }
            guard !communicationDifferences.isEmpty else { return "\n  the node's communication figures match the replayed log" }
            return "\n  \(communicationDifferences.count) communication figures differ from the replayed log:"
                + communicationDifferences.map { "\n    WRONG FIGURE \($0)" }.joined()
        }

        private var lateVoteLines: String {
            if let lateVotesUnchecked { return "\n  late votes not checked: \(lateVotesUnchecked)" }
            guard !lateVotes.isEmpty else { return "" }
            return "\n  \(lateVotes.count) votes were logged after their ballot closed, by witnessed time:"
                + lateVotes.map { "\n    LATE VOTE \($0)" }.joined()
        }
    }

    /// Reads the log.
    public let client: LogClient
    /// How many entries are verified together.
    public let batchSize: Int
    /// The node's URL, where `/api/v1/witnessed` lists the cosigned checkpoints; `nil` where there is none (a mirror).
    public let nodeURL: String?

    /// Creates an auditor.
    /// - Parameters:
    ///   - client: Reads the log.
    ///   - batchSize: How many entries are verified together.
    ///   - nodeURL: The node's URL, to look for votes logged after their ballot closed by witnessed time.
    public init(client: LogClient, batchSize: Int, nodeURL: String? = nil) {
        self.client = client
        self.batchSize = batchSize
        self.nodeURL = nodeURL
    }

    /// Audits the log up to its latest checkpoint, reporting progress as it goes.
    public func audit(progress: @escaping @Sendable (String) -> Void) async throws -> Report {
        let start = ContinuousClock.now
        var pipeline = ReplayPipeline(batchSize: batchSize)
        let latest = try await client.latestCheckpoint()
        let checkpoint = try await LogAuditor(client: client).audit(
            latest.checkpoint,
            progress: { state in progress("  audited \(state.entries) of \(state.total) entries, \(state.tiles) tiles") },
            entries: { entries in await pipeline.feed(entries) })
        await pipeline.finish()
        progress("")
        let replay = pipeline.replay
        // The forum's own witness rule, as the replayed log states it, against the pinned log key.
        let policy = replay.state?.witnessPolicy(logKey: client.logKey)
        var witnessed = await witnessedCheckpoints(replay.state, policy: policy)
        let late = replay.state.map { $0.lateVotes(witnessed: witnessed.checkpoints) } ?? []
        let lateVotesUnchecked = witnessed.problem
        var compared = await communication(replay.state, size: checkpoint.size, witnessed: witnessed)
        if !compared.differences.isEmpty {
            // A checkpoint cosigned between the two reads gives an acknowledgement its witnessed time: read both again.
            witnessed = await witnessedCheckpoints(replay.state, policy: policy)
            compared = await communication(replay.state, size: checkpoint.size, witnessed: witnessed)
        }
        return Report(
            checkpoint: checkpoint, state: replay.state, problems: replay.problems, seconds: Figures.seconds(ContinuousClock.now - start),
            witnessProblem: try witnessProblem(latest, policy: policy), lateVotes: late, lateVotesUnchecked: lateVotesUnchecked,
            communicationDifferences: compared.differences, communicationUnchecked: compared.unchecked)
    }

    /// The cosigned checkpoints, each with its size and its witnessed time recomputed from its cosignatures under the
    /// forum's witness rule: the node's own times are not trusted. None while no witness is registered.
    private func witnessedCheckpoints(_ state: ForumState?, policy: WitnessPolicy?) async -> WitnessedCheckpoints {
        guard state != nil, let policy else { return WitnessedCheckpoints() }
        guard let nodeURL else { return WitnessedCheckpoints(problem: "no node URL to list the cosigned checkpoints from") }
        var witnessed: [(size: UInt64, at: Timestamp)] = []
        var after: UInt64 = 0
        do {
            while true {
                let page: API.WitnessedCheckpointList = try await NodeHTTP.getJSON(nodeURL + "/api/v1/witnessed?after=\(after)")
                for entry in page.checkpoints {
                    guard let note = try? SignedNote(parsing: Array(entry.note.utf8)), let checkpoint = try? Checkpoint(parsing: note.text),
                        checkpoint.origin == client.logKey.name, let time = policy.report(on: note).witnessedTime
                    else { continue }
                    witnessed.append((checkpoint.size, Timestamp(seconds: Int64(clamping: time))))
                }
                guard page.more, let last = page.checkpoints.last?.size, last > after else { break }
                after = last
            }
        } catch {
            return WitnessedCheckpoints(problem: "\(error)")
        }
        return WitnessedCheckpoints(checkpoints: witnessed)
    }

    /// Compares the node's communication figures with the replayed state's, where an act's time is its witnessed time.
    private func communication(
        _ state: ForumState?, size: UInt64, witnessed: WitnessedCheckpoints
    ) async -> (differences: [CommunicationFigureCheck.Difference], unchecked: String?) {
        guard let state else { return ([], nil) }
        guard let nodeURL else { return ([], "no node URL to read /api/v1/communication from") }
        if let problem = witnessed.problem { return ([], "the cosigned checkpoints could not be read: \(problem)") }
        let published: API.CommunicationFigures
        do {
            published = try await NodeHTTP.getJSON(nodeURL + "/api/v1/communication")
        } catch {
            return ([], "\(error)")
        }
        guard published.size == size else {
            return ([], "the node computed them at log size \(published.size), the audited checkpoint is of size \(size); audit again")
        }
        let figures = CommunicationFigures(state: state, actTime: witnessed.time(of:))
        return (CommunicationFigureCheck.differences(node: published, replay: figures), nil)
    }

    /// Checks the audited checkpoint against the forum's witness rule, when the client has no policy of its own.
    private func witnessProblem(_ audited: LogClient.VerifiedCheckpoint, policy: WitnessPolicy?) throws -> String? {
        guard client.policy == nil, let policy else { return nil }
        let report = policy.report(on: try SignedNote(parsing: audited.note))
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
