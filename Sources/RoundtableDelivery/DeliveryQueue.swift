import Foundation
public import ServiceLifecycle
import Synchronization

/// Delivers notices by webhook and by mail, a bounded number at once, trying failures again with exponential
/// backoff, and reports the outcome of every attempt.
///
/// ``enqueue(_:to:)`` hands it a notice; ``run()`` delivers until ``shutdown()`` or a graceful shutdown of the
/// service group it runs in. Stopping ends the waits between attempts and the attempts in progress (a webhook
/// request is cancelled, a mail command killed) and returns when every delivery task has ended: none is left
/// behind. The queue is in memory: the node keeps the outcomes, and a delivery whose last outcome is not
/// ``DeliveryOutcome/final`` was not given up, so a node that restarts may enqueue it again.
public final class DeliveryQueue: Service, Sendable {
    /// How the queue delivers.
    public struct Configuration: Sendable {
        /// How many attempts may run at once; deliveries waiting between attempts hold none.
        public var concurrency: Int
        /// When failed deliveries are tried again.
        public var retry: RetryPolicy

        /// Creates a configuration.
        /// - Parameters:
        ///   - concurrency: How many attempts may run at once.
        ///   - retry: When failed deliveries are tried again.
        public init(concurrency: Int = 16, retry: RetryPolicy = RetryPolicy()) {
            self.concurrency = concurrency
            self.retry = retry
        }
    }

    private struct Delivery: Sendable {
        let notice: Notice
        let destination: DeliveryDestination
    }

    private let configuration: Configuration
    private let webhook: WebhookSender?
    private let mail: MailSender?
    private let report: @Sendable (DeliveryOutcome) -> Void
    private let intake: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation
    private let started = Mutex(false)
    private let pending = Atomic<Int>(0)

    /// The notices enqueued whose delivery has not ended: delivered, given up, or stopped.
    public var pendingDeliveries: Int { pending.load(ordering: .relaxed) }

    /// Creates a queue.
    /// - Parameters:
    ///   - configuration: The concurrency and the retry policy.
    ///   - webhook: The webhook sender; without one, a webhook destination fails for good.
    ///   - mail: The mail sender; without one, a mail destination fails for good.
    ///   - report: Called with the outcome of every attempt, from the delivery's task; it must not block.
    public init(
        configuration: Configuration = Configuration(), webhook: WebhookSender?, mail: MailSender?,
        report: @escaping @Sendable (DeliveryOutcome) -> Void
    ) {
        self.configuration = configuration
        self.webhook = webhook
        self.mail = mail
        self.report = report
        (intake, continuation) = AsyncStream.makeStream()
    }

    /// Hands the queue a notice to deliver; it starts at once if ``run()`` is running, else when it starts.
    /// - Parameters:
    ///   - notice: The notice.
    ///   - destination: The webhook or the mail address.
    /// - Throws: ``DeliveryError/Code/stopped`` once the queue has stopped.
    public func enqueue(_ notice: Notice, to destination: DeliveryDestination) throws(DeliveryError) {
        pending.add(1, ordering: .relaxed)
        guard case .enqueued = continuation.yield(Delivery(notice: notice, destination: destination)) else {
            pending.subtract(1, ordering: .relaxed)
            throw DeliveryError(.stopped, "the delivery queue has stopped and takes no more notices")
        }
    }

    /// Stops the queue: it takes no more notices, and ``run()`` ends every delivery and returns.
    public func shutdown() {
        continuation.finish()
    }

    /// Delivers the notices enqueued until ``shutdown()``, a graceful shutdown or the task's cancellation.
    /// - Throws: ``DeliveryError/Code/stopped`` if the queue already ran.
    public func run() async throws {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else {
            throw DeliveryError(.stopped, "a delivery queue runs once")
        }
        let limiter = AttemptLimiter(slots: configuration.concurrency)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await delivery in intake {
                    group.addTask { await self.deliver(delivery, limiter: limiter) }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }
        continuation.finish()
    }

    /// Tries one delivery until it succeeds, is refused for good, runs out of attempts or is cancelled.
    private func deliver(_ delivery: Delivery, limiter: AttemptLimiter) async {
        defer { pending.subtract(1, ordering: .relaxed) }
        let retry = configuration.retry
        for attempt in 1...max(1, retry.maximumAttempts) {
            guard let result = await limiter.withSlot({ await self.attempt(delivery) }) else { return }
            let stopped = result.error?.code == .stopped || Task.isCancelled
            // Final when delivered, refused for good, or out of attempts; an attempt cut short by a stop is not.
            let final = !stopped && (result.error.map(\.isPermanent) ?? true || !retry.retries(afterAttempt: attempt))
            report(outcome(delivery, attempt: attempt, detail: result.detail, delivered: result.error == nil, final: final))
            if final || stopped { return }
            guard (try? await Task.sleep(for: retry.delay(afterAttempt: attempt))) != nil else { return }
        }
    }

    /// One attempt: its detail, and its error if it failed.
    private func attempt(_ delivery: Delivery) async -> (detail: String, error: DeliveryError?) {
        do throws(DeliveryError) {
            switch delivery.destination {
            case .webhook(let url):
                guard let webhook else { throw DeliveryError(.refusedDestination, "this node sends no webhooks") }
                return ("HTTP \(try await webhook.send(delivery.notice, to: url))", nil)
            case .mail(let address, let language):
                guard let mail else { throw DeliveryError(.refusedDestination, "this node sends no mail") }
                try await mail.send(delivery.notice, to: address, language: language)
                return ("mail accepted", nil)
            }
        } catch {
            return (error.message, error)
        }
    }

    private func outcome(_ delivery: Delivery, attempt: Int, detail: String, delivered: Bool, final: Bool) -> DeliveryOutcome {
        DeliveryOutcome(
            index: delivery.notice.index, member: delivery.notice.member, contact: delivery.notice.contact,
            channel: delivery.destination.channel, destination: delivery.destination.target, attempt: attempt, delivered: delivered,
            detail: detail, at: Date(), final: final)
    }
}
