/// Where a witness keeps the logs it cosigns for and, for each, the latest checkpoint it cosigned.
///
/// The latest checkpoint only moves forward through ``replace(_:with:)``, a compare-and-swap: two requests that both
/// start from the same checkpoint can never both replace it, and a replacement is on stable storage before it returns.
public protocol WitnessStore: Sendable {
    /// The logs this witness cosigns for, each with its trusted keys.
    func logs() async throws -> [WitnessedLog]

    /// The latest checkpoint cosigned for a log, or `nil` if none yet.
    /// - Parameter origin: The log's origin.
    func latest(origin: String) async throws -> CosignedCheckpoint?

    /// Stores a newly cosigned checkpoint if the latest one is still `expected`, durably, before it returns.
    /// - Parameters:
    ///   - expected: The latest checkpoint the caller read (compared by size and root), or `nil` for none.
    ///   - new: The checkpoint just cosigned, of the same origin.
    /// - Returns: `false`, changing nothing, when another checkpoint became the latest in between.
    func replace(_ expected: CosignedCheckpoint?, with new: CosignedCheckpoint) async throws -> Bool
}
