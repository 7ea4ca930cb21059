/// How often and when a failed delivery is tried again: exponential backoff.
///
/// After attempt *n* fails, the next waits `firstDelay × factor^(n−1)`, at most ``maximumDelay``; after
/// ``maximumAttempts`` attempts the delivery is given up. The defaults wait 1, 2, 4, 8 and 16 s between six attempts.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait after the first failed attempt.
    public var firstDelay: Duration
    /// What each wait is multiplied by for the next one.
    public var factor: Double
    /// The longest wait.
    public var maximumDelay: Duration
    /// How many attempts at most, the first included.
    public var maximumAttempts: Int

    /// Creates a policy.
    /// - Parameters:
    ///   - firstDelay: The wait after the first failed attempt.
    ///   - factor: What each wait is multiplied by for the next one; at least 1.
    ///   - maximumDelay: The longest wait.
    ///   - maximumAttempts: How many attempts at most; at least 1.
    public init(firstDelay: Duration = .seconds(1), factor: Double = 2, maximumDelay: Duration = .seconds(3600), maximumAttempts: Int = 6) {
        self.firstDelay = firstDelay
        self.factor = max(1, factor)
        self.maximumDelay = maximumDelay
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// The wait after a failed attempt.
    /// - Parameter attempt: The failed attempt's number, from 1.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let limit = Self.nanoseconds(maximumDelay)
        var nanoseconds = Self.nanoseconds(firstDelay)
        for _ in 1..<max(1, attempt) where nanoseconds < limit { nanoseconds *= factor }
        return .nanoseconds(Int64(min(nanoseconds, limit).rounded()))
    }

    private static func nanoseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
    }

    /// Whether another attempt follows a failed one.
    /// - Parameter attempt: The failed attempt's number, from 1.
    public func retries(afterAttempt attempt: Int) -> Bool { attempt < maximumAttempts }
}
