import RoundtableDomain

/// The cosigned checkpoints an auditor verified, each with its tree size and witnessed time, or why they could not be
/// read.
struct WitnessedCheckpoints: Sendable {
    /// The checkpoints, in the order listed (smallest tree first).
    var checkpoints: [(size: UInt64, at: Timestamp)] = []
    /// Why they could not be read, if they could not.
    var problem: String?

    /// The witnessed time of the act at a log index: that of the smallest cosigned tree that includes it, as
    /// `/api/v1/acts/{index}/witnessed` gives it; `nil` when none does.
    /// - Parameter index: The act's log index.
    func time(of index: UInt64) -> Timestamp? {
        checkpoints.filter { $0.size > index }.min { $0.size < $1.size }?.at
    }
}
