import Foundation
public import Logging
public import RoundtableDomain
import Synchronization
public import TransparencyLog

/// Makes the transport that reaches a member's witness.
public typealias WitnessTransportMaker = @Sendable (MemberWitness) -> any WitnessTransport

/// Sends the checkpoints the node signs to the members' witnesses (C2SP tlog-witness) and keeps, for each checkpoint,
/// the cosignatures they answer; a checkpoint whose cosignatures reach the `witness-quorum` rule is stored and
/// published (``ForumLog/checkpoint()``).
///
/// Each witness is asked on a task of its own, with the request's timeout the transport sets: a slow or unreachable
/// witness delays neither the others nor the log's appends. A witness still busy with one checkpoint is offered the
/// newest when it is done, skipping those between; a witness that failed is asked again after a pause that doubles up to
/// a minute. A witness that last cosigned another size answers 409 with that size; the collector proves consistency
/// from it and asks again.
public final class WitnessCollector<Store: ForumStore>: Sendable {
    private struct Lane {
        let witness: MemberWitness
        /// The size this witness last cosigned, as far as the node knows (0: unknown).
        var cosignedSize: UInt64 = 0
        var busy = false
        var failures = 0
        var retryAt: ContinuousClock.Instant?
        var task: Task<Void, Never>?
    }

    /// Cosignatures gathered for one checkpoint, by witness key name.
    private struct Gathered {
        let note: SignedNote
        var lines: [String: (line: NoteSignature, time: UInt64)] = [:]
    }

    private let log: ForumLog<Store>
    private let makeTransport: WitnessTransportMaker
    private let logger: Logger
    private let lanes = Mutex<[String: Lane]>([:])
    private let gathered = Mutex<[UInt64: Gathered]>([:])
    private let writes = SerialRunner()

    /// Creates a collector.
    /// - Parameters:
    ///   - log: The forum's log, whose tiles give the consistency proofs and which publishes the cosigned checkpoints.
    ///   - makeTransport: Makes the transport to each witness.
    ///   - logger: Where failures are reported.
    public init(log: ForumLog<Store>, makeTransport: @escaping WitnessTransportMaker, logger: Logger) {
        self.log = log
        self.makeTransport = makeTransport
        self.logger = logger
    }

    /// Offers the latest checkpoint to every registered witness that has not cosigned it and is not busy, and stops
    /// asking retired witnesses.
    /// - Parameters:
    ///   - note: The node's latest checkpoint note.
    ///   - state: The forum's state: its witnesses and rules.
    public func offer(_ note: [UInt8], state: ForumState) throws {
        let signed = try SignedNote(parsing: note)
        let checkpoint = try Checkpoint(parsing: signed.text)
        let now = ContinuousClock.now
        var starting: [MemberWitness] = []
        lanes.withLock { lanes in
            let registered = Dictionary(uniqueKeysWithValues: state.witnesses.map { ($0.key.name, $0) })
            for (name, lane) in lanes where registered[name]?.key != lane.witness.key {
                lane.task?.cancel()
                lanes[name] = nil
            }
            for witness in state.witnesses {
                var lane = lanes[witness.key.name] ?? Lane(witness: witness)
                if !lane.busy, lane.cosignedSize < checkpoint.size, lane.retryAt.map({ now >= $0 }) ?? true {
                    lane.busy = true
                    starting.append(witness)
                }
                lanes[witness.key.name] = lane
            }
        }
        gathered.withLock { gathered in
            if gathered[checkpoint.size] == nil { gathered[checkpoint.size] = Gathered(note: signed) }
            // Only the newest few checkpoints can still gather enough cosignatures to be published.
            for size in gathered.keys.sorted().dropLast(8) { gathered[size] = nil }
        }
        for witness in starting {
            let task = Task { await self.ask(witness, note: note, checkpoint: checkpoint, state: state) }
            lanes.withLock { $0[witness.key.name]?.task = task }
        }
    }

    /// Asks one witness to cosign, once more after a 409, and records the outcome.
    private func ask(_ witness: MemberWitness, note: [UInt8], checkpoint: Checkpoint, state: ForumState) async {
        let client = WitnessClient(transport: makeTransport(witness), witnessKey: witness.key)
        var oldSize = lanes.withLock { $0[witness.key.name]?.cosignedSize } ?? 0
        let started = ContinuousClock.now
        do {
            for _ in 0..<2 {
                guard oldSize <= checkpoint.size else {
                    throw WitnessClientError.malformedReply("the witness says it cosigned size \(oldSize), beyond this log's \(checkpoint.size)")
                }
                let proof = try await log.consistencyProof(from: oldSize, to: checkpoint.size)
                switch try await client.addCheckpoint(oldSize: oldSize, proof: proof, checkpoint: note) {
                case .cosigned(let lines):
                    NodeMetrics.cosigned(by: witness.key.name, in: ContinuousClock.now - started)
                    finish(witness, cosigned: checkpoint.size)
                    try await record(lines, by: witness, for: checkpoint.size, state: state)
                    return
                case .conflict(let latest):
                    oldSize = latest
                }
            }
            throw WitnessClientError.malformedReply("the witness answered 409 twice")
        } catch is CancellationError {
            finish(witness, cosigned: nil)
        } catch {
            let failures = finish(witness, cosigned: nil)
            logger.warning(
                "A witness did not cosign the checkpoint",
                metadata: [
                    LogKeys.witness: "\(witness.key.name)", LogKeys.checkpoint: "\(checkpoint.size)", LogKeys.error: "\(error)",
                    LogKeys.failures: "\(failures)",
                ])
        }
    }

    /// Frees a witness's lane; after a failure, pauses it (1 s, doubling, at most a minute). Returns the failures in a row.
    @discardableResult
    private func finish(_ witness: MemberWitness, cosigned size: UInt64?) -> Int {
        lanes.withLock { lanes in
            guard var lane = lanes[witness.key.name] else { return 0 }
            lane.busy = false
            lane.task = nil
            if let size {
                lane.cosignedSize = max(lane.cosignedSize, size)
                lane.failures = 0
                lane.retryAt = nil
            } else {
                lane.failures += 1
                lane.retryAt = .now + .seconds(min(60, 1 << min(lane.failures - 1, 6)))
            }
            lanes[witness.key.name] = lane
            return lane.failures
        }
    }

    /// Adds a witness's cosignatures to its checkpoint's, and stores and publishes the checkpoint once they reach the
    /// quorum (again with each later one).
    private func record(_ lines: [NoteSignature], by witness: MemberWitness, for size: UInt64, state: ForumState) async throws {
        // The client verified the line. A checkpoint too old to be published any more keeps no cosignatures.
        guard let line = lines.first else { return }
        let time = CosignatureVerifier.timestamp(of: line)
        let witnessed: WitnessedCheckpoint? = gathered.withLock { gathered in
            guard var entry = gathered[size] else { return nil }
            entry.lines[witness.key.name] = (line, time)
            gathered[size] = entry
            return Self.witnessed(entry, size: size, state: state)
        }
        guard let witnessed else { return }
        // A later answer for the same size may carry more cosignatures: the log keeps only growth.
        try await writes.run { try await self.log.publishWitnessed(witnessed) }
    }

    /// The checkpoint with its cosignatures if they reach the quorum, cosigners in the order they were registered.
    private static func witnessed(_ entry: Gathered, size: UInt64, state: ForumState) -> WitnessedCheckpoint? {
        let required = state.requiredCosignatures
        let cosigning = state.witnesses.compactMap { witness in entry.lines[witness.key.name].map { (witness, $0) } }
        guard required > 0, cosigning.count >= required, let note = try? SignedNote(
            text: entry.note.text, signatures: entry.note.signatures + cosigning.map(\.1.line))
        else { return nil }
        let times = cosigning.map(\.1.time).sorted()
        return WitnessedCheckpoint(
            size: size, note: note.bytes, cosigners: cosigning.map(\.0.key.name), witnessedAt: Int64(clamping: times[required - 1]))
    }
}
