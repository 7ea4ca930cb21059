import Foundation
public import TransparencyLog

/// A C2SP tlog-witness (c2sp.org/tlog-witness): cosigns the checkpoints of the logs it is configured for, only ever
/// moving forward along a consistent history.
///
/// For each log it keeps the latest checkpoint it cosigned. It cosigns a new checkpoint only if the submitter names
/// that checkpoint's size as the old size and proves the new tree consistent with it, so it never cosigns a smaller
/// tree, nor another root for a size it cosigned. The new checkpoint replaces the latest by compare-and-swap, on
/// stable storage, before the cosignature is returned.
///
/// For a forum's log configured with a URL (``WitnessedLog/auditURL``), it is also an *auditing* witness: before it
/// cosigns a larger tree than it replayed, it fetches the new entries, checks that they make the checkpoint's tree,
/// and replays them under the forum's rules; it cosigns only if every one follows from those before it, and stores
/// how far it replayed with the checkpoint.
public struct Witness<Store: WitnessStore>: Sendable {
    /// The witness's cosignature key.
    public let cosigner: CosignatureSigner
    /// Where the latest cosigned checkpoints are kept.
    public let store: Store
    /// The logs cosigned for, by origin.
    public let logs: [String: WitnessedLog]
    private let origins: [String: String]
    private let clock: @Sendable () -> UInt64
    private let auditor: CheckpointAuditor<Store>

    /// Creates a witness.
    /// - Parameters:
    ///   - cosigner: The witness's cosignature key.
    ///   - logs: The logs to cosign for.
    ///   - store: Where the latest cosigned checkpoints are kept.
    ///   - clock: The current POSIX time in seconds, written in cosignatures; the system's clock by default.
    ///   - logFetcher: Makes a fetcher for an audited log's URL prefix; needed only if a log is audited.
    ///   - auditOptions: How audited logs are replayed.
    public init(
        cosigner: CosignatureSigner,
        logs: [WitnessedLog],
        store: Store,
        clock: (@Sendable () -> UInt64)? = nil,
        logFetcher: (@Sendable (String) -> any LogFetcher)? = nil,
        auditOptions: AuditOptions = AuditOptions()
    ) {
        self.cosigner = cosigner
        self.store = store
        self.logs = Dictionary(logs.map { ($0.origin, $0) }, uniquingKeysWith: { first, _ in first })
        self.origins = Dictionary(logs.map { ($0.originHash, $0.origin) }, uniquingKeysWith: { first, _ in first })
        self.clock = clock ?? { UInt64(max(0, Date().timeIntervalSince1970)) }
        self.auditor = CheckpointAuditor(store: store, fetcher: logFetcher, options: auditOptions)
    }

    /// Opens a witness on the logs its store is configured with.
    /// - Parameters:
    ///   - cosigner: The witness's cosignature key.
    ///   - store: The store, which lists the logs.
    ///   - logFetcher: Makes a fetcher for an audited log's URL prefix; needed only if a log is audited.
    ///   - auditOptions: How audited logs are replayed.
    public static func open(
        cosigner: CosignatureSigner, store: Store, logFetcher: (@Sendable (String) -> any LogFetcher)? = nil,
        auditOptions: AuditOptions = AuditOptions()
    ) async throws -> Witness {
        Witness(cosigner: cosigner, logs: try await store.logs(), store: store, logFetcher: logFetcher, auditOptions: auditOptions)
    }

    /// Handles an `add-checkpoint` request: checks it, audits the entries it adds if the log is audited, cosigns the
    /// checkpoint, stores it as the log's latest (with the replay), and returns the cosignature.
    /// - Parameter body: The request body.
    /// - Returns: The cosignature line, timestamped now (never 0).
    /// - Throws: ``WitnessError``; nothing is stored unless the cosignature is returned.
    public func addCheckpoint(_ body: [UInt8]) async throws(WitnessError) -> NoteSignature {
        let submission = try CheckpointSubmission(body: body, logs: logs)
        let latest = try await storing { try await store.latest(origin: submission.checkpoint.origin) }
        try submission.check(against: latest)
        let audited = try await auditor.audit(submission, of: submission.log, time: now)
        let cosignature: NoteSignature
        let cosigned: CosignedCheckpoint
        do {
            cosignature = try cosigner.cosign(checkpointText: submission.checkpoint.text, timestamp: now)
            let note = try SignedNote(text: submission.note.text, signatures: submission.note.signatures + [cosignature])
            cosigned = CosignedCheckpoint(checkpoint: submission.checkpoint, note: note.bytes)
        } catch {
            throw WitnessError(.unavailable, "the witness could not cosign: \(error)")
        }
        guard try await storing({ try await store.replace(latest, with: cosigned, replay: audited?.update) }) else {
            // Another request moved this log on since `latest` was read: the old size is no longer the latest.
            if let audited { auditor.notStored(audited) }
            let current = try await storing { try await store.latest(origin: submission.checkpoint.origin) }
            throw WitnessError.conflict(latestSize: current?.checkpoint.size ?? 0, oldSize: submission.request.oldSize)
        }
        if let audited { auditor.stored(audited) }
        return cosignature
    }

    /// The current time for cosignatures: POSIX seconds, never 0, at most 2^63 − 1.
    private var now: UInt64 { max(1, min(clock(), UInt64(Int64.max))) }

    /// The latest checkpoint cosigned for a log, with its cosignature.
    /// - Parameter originHash: The lowercase hex SHA-256 of the log's origin.
    /// - Throws: ``WitnessError`` with code `noCheckpoint` for an unknown log or one not cosigned yet.
    public func latestCheckpoint(originHash: String) async throws(WitnessError) -> [UInt8] {
        guard let origin = origins[originHash] else {
            throw WitnessError(.noCheckpoint, "this witness cosigns for no log whose origin hashes to \(originHash)")
        }
        guard let latest = try await storing({ try await store.latest(origin: origin) }) else {
            throw WitnessError(.noCheckpoint, "this witness has cosigned no checkpoint of \(origin) yet")
        }
        return latest.note
    }

    private func storing<T>(_ body: () async throws -> T) async throws(WitnessError) -> T {
        do { return try await body() } catch {
            throw WitnessError(.unavailable, "the witness's store failed (\(error)); nothing was cosigned, try again later")
        }
    }
}
