import RoundtableDelivery

/// The outcomes a queue reports, as a stream a test reads until it has seen what it waits for.
struct OutcomeLog: Sendable {
    let outcomes: AsyncStream<DeliveryOutcome>
    let report: @Sendable (DeliveryOutcome) -> Void

    init() {
        let (stream, continuation) = AsyncStream<DeliveryOutcome>.makeStream()
        outcomes = stream
        report = { continuation.yield($0) }
    }

    /// Reads outcomes until `count` final ones have come, and returns every outcome read.
    func untilFinal(_ count: Int = 1) async -> [DeliveryOutcome] {
        var read: [DeliveryOutcome] = []
        for await outcome in outcomes {
            read.append(outcome)
            if read.filter(\.final).count == count { break }
        }
        return read
    }
}
