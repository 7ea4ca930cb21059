/// Where a witness keeps the logs it cosigns for and, for each, the latest checkpoint it cosigned; for a forum's log it
/// audits, how far it replayed the log, and the checkpoints it refused because an entry did not follow.
///
/// The latest checkpoint only moves forward through ``replace(_:with:replay:)``, a compare-and-swap: two requests
/// that both start from the same checkpoint can never both replace it, and a replacement (with the replay it rests
/// on) is on stable storage before it returns.
public protocol WitnessStore: Sendable {
    /// The logs this witness cosigns for, each with its trusted keys.
    func logs() async throws -> [WitnessedLog]

    /// The latest checkpoint cosigned for a log, or `nil` if none yet.
    /// - Parameter origin: The log's origin.
    func latest(origin: String) async throws -> CosignedCheckpoint?

    /// Stores a newly cosigned checkpoint if the latest one is still `expected`, and moves the log's replay on with it,
    /// in one transaction, durably, before it returns.
    /// - Parameters:
    ///   - expected: The latest checkpoint the caller read (compared by size and root), or `nil` for none.
    ///   - new: The checkpoint just cosigned, of the same origin.
    ///   - replay: For an audited log whose replay the checkpoint moves on, the update; it applies only if the stored
    ///     replay is still at its ``ReplayUpdate/previousSize``.
    /// - Returns: `false`, changing nothing, when another checkpoint became the latest (or the replay moved) in between.
    func replace(_ expected: CosignedCheckpoint?, with new: CosignedCheckpoint, replay: ReplayUpdate?) async throws -> Bool

    /// How far the witness replayed a forum's log, or `nil` before the first entry.
    /// - Parameter origin: The log's origin.
    func replay(origin: String) async throws -> StoredReplay?

    /// Keeps the evidence of a refused checkpoint; the same checkpoint refused again is kept once.
    /// - Parameter refusal: The refusal.
    func storeRefusal(_ refusal: AuditRefusal) async throws
}

extension WitnessStore {
    /// Stores a newly cosigned checkpoint of a log whose replay it does not move: ``replace(_:with:replay:)`` with no
    /// replay.
    /// - Parameters:
    ///   - expected: The latest checkpoint the caller read, or `nil` for none.
    ///   - new: The checkpoint just cosigned.
    /// - Returns: `false`, changing nothing, when another checkpoint became the latest in between.
    public func replace(_ expected: CosignedCheckpoint?, with new: CosignedCheckpoint) async throws -> Bool {
        try await replace(expected, with: new, replay: nil)
    }
}
