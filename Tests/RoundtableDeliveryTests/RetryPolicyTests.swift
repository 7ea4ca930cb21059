import RoundtableDelivery
import Testing

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("by default six attempts, waiting 1, 2, 4, 8 and 16 s between them")
    func defaults() {
        let policy = RetryPolicy()
        #expect((1...5).map { policy.delay(afterAttempt: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16)])
        #expect((1...6).map { policy.retries(afterAttempt: $0) } == [true, true, true, true, true, false])
    }

    @Test("waits grow by the factor up to the longest wait")
    func capped() {
        let policy = RetryPolicy(firstDelay: .milliseconds(10), factor: 3, maximumDelay: .milliseconds(100), maximumAttempts: 10)
        #expect(policy.delay(afterAttempt: 1) == .milliseconds(10))
        #expect(policy.delay(afterAttempt: 2) == .milliseconds(30))
        #expect(policy.delay(afterAttempt: 3) == .milliseconds(90))
        #expect(policy.delay(afterAttempt: 4) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1000) == .milliseconds(100))
    }
}
