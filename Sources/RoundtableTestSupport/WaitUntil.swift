/// Polls until `condition` holds, at most `attempts` times, 50 ms apart; a safety net, not a timing assertion.
/// - Parameters:
///   - what: What is awaited, for the error when it never comes.
///   - attempts: How many times to poll.
///   - condition: The condition.
/// - Throws: ``ConditionNotMet`` when it never held, or what `condition` threw.
public func waitUntil(_ what: String = "the condition", attempts: Int = 400, _ condition: () async throws -> Bool) async throws {
    for _ in 0..<attempts {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw ConditionNotMet(what: what, attempts: attempts)
}

/// Thrown by ``waitUntil(_:attempts:_:)`` when the condition never held.
public struct ConditionNotMet: Error, CustomStringConvertible {
    /// What was awaited.
    public let what: String
    /// How many times the condition was polled.
    public let attempts: Int

    public var description: String { "\(what) did not hold after \(attempts) polls" }
}
