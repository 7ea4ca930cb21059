import Foundation
import Logging
import RoundtableDelivery
import RoundtableTestSupport
import ServiceLifecycle
import Synchronization
import Testing
import TransparencyLog

@Suite("DeliveryQueue", .hangGuard)
struct DeliveryQueueTests {
    static let fast = DeliveryQueue.Configuration(retry: RetryPolicy(firstDelay: .milliseconds(5), factor: 2, maximumAttempts: 4))

    @Test("a webhook that fails twice then accepts is delivered on attempt 3, and every attempt is reported")
    func retried() async throws {
        let (outcomes, receiver) = try await Self.deliverOneCheck(failingFirst: 2)
        #expect(outcomes.map(\.attempt) == [1, 2, 3])
        #expect(outcomes.map(\.delivered) == [false, false, true])
        #expect(outcomes.map(\.final) == [false, false, true])
        #expect(outcomes.map(\.detail) == ["HTTP 503", "HTTP 503", "HTTP 202"])
        for outcome in outcomes {
            #expect(outcome.index == 42 && outcome.member == "EE" && outcome.contact == "ee-cert")
            #expect(outcome.channel == .webhook && outcome.destination.hasSuffix("/hook"))
        }
        #expect(outcomes.map(\.at) == outcomes.map(\.at).sorted())
        #expect(receiver.received.count == 3 && receiver.received.allSatisfy { $0.refusal == nil })
    }

    @Test("a delivery that keeps failing is given up after the last attempt")
    func givenUp() async throws {
        let (outcomes, _) = try await Self.deliverOneCheck(failingFirst: 100)
        #expect(outcomes.map(\.attempt) == [1, 2, 3, 4])
        #expect(outcomes.map(\.final) == [false, false, false, true])
        #expect(outcomes.allSatisfy { !$0.delivered })
    }

    @Test("a refused destination is reported once, final, and never tried again")
    func refusedForGood() async throws {
        let log = OutcomeLog()
        let queue = DeliveryQueue(configuration: Self.fast, webhook: WebhookSender(signer: try Fixtures.nodeKey()), mail: nil, report: log.report)
        let outcomes = try await Self.running(queue) {
            try queue.enqueue(Fixtures.check(), to: .webhook(URL(string: "http://cert.example.org/hook")!))
            try queue.enqueue(Fixtures.check(index: 43), to: .mail(address: "cert@example.org", language: "fr"))
            return await log.untilFinal(2)
        }
        #expect(outcomes.count == 2 && outcomes.allSatisfy { $0.final && !$0.delivered && $0.attempt == 1 })
        #expect(Set(outcomes.map(\.channel)) == [.webhook, .mail])
        #expect(outcomes.first { $0.channel == .mail }?.detail == "this node sends no mail")
    }

    @Test("many notices are all delivered, a bounded number at once")
    func many() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description)
        let log = OutcomeLog()
        let configuration = DeliveryQueue.Configuration(concurrency: 4, retry: Self.fast.retry)
        let queue = DeliveryQueue(configuration: configuration, webhook: WebhookSender(signer: signer), mail: nil, report: log.report)
        let outcomes = try await receiver.serve { url in
            try await Self.running(queue) {
                for index in 1...40 { try queue.enqueue(Fixtures.check(index: UInt64(index)), to: .webhook(url)) }
                return await log.untilFinal(40)
            }
        }
        #expect(outcomes.count == 40 && outcomes.allSatisfy(\.delivered))
        #expect(Set(outcomes.map(\.index)) == Set(1...40))
        #expect(receiver.maximumConcurrent <= 4)
    }

    @Test("shutdown ends the waits between attempts, run returns, and no more notices are taken")
    func shutdown() async throws {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description, failFirst: 100)
        let log = OutcomeLog()
        let slow = DeliveryQueue.Configuration(retry: RetryPolicy(firstDelay: .seconds(3600)))
        let queue = DeliveryQueue(configuration: slow, webhook: WebhookSender(signer: signer), mail: nil, report: log.report)
        try await receiver.serve { url in
            try await withThrowingTaskGroup { group in
                group.addTask { try await queue.run() }
                try queue.enqueue(Fixtures.check(), to: .webhook(url))
                var outcomes = log.outcomes.makeAsyncIterator()
                let first = await outcomes.next()
                #expect(first?.attempt == 1 && first?.final == false)
                queue.shutdown()
                try await group.waitForAll()
            }
        }
        #expect(throws: DeliveryError(.stopped, "")) { try queue.enqueue(Fixtures.check(), to: .mail(address: "a@b.test", language: "en")) }
        await #expect(throws: DeliveryError(.stopped, "")) { try await queue.run() }
    }

    @Test("a graceful shutdown of the service group stops the queue")
    func serviceGroup() async throws {
        let queue = DeliveryQueue(webhook: nil, mail: nil, report: { _ in })
        let group = ServiceGroup(configuration: .init(services: [queue], logger: .init(label: "delivery-test")))
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(throws: DeliveryError(.stopped, "")) { try queue.enqueue(Fixtures.check(), to: .mail(address: "a@b.test", language: "en")) }
    }

    /// Sends one check's notice to a webhook receiver that answers 503 to the first `failures` requests, with the fast
    /// retry policy; the outcomes until the final one, and the receiver.
    static func deliverOneCheck(failingFirst failures: Int) async throws -> ([DeliveryOutcome], WebhookReceiver) {
        let signer = try Fixtures.nodeKey()
        let receiver = WebhookReceiver(verifierKey: signer.verifier.description, failFirst: failures)
        let log = OutcomeLog()
        let queue = DeliveryQueue(configuration: Self.fast, webhook: WebhookSender(signer: signer), mail: nil, report: log.report)
        let outcomes = try await receiver.serve { url in
            try await Self.running(queue) {
                try queue.enqueue(Fixtures.check(), to: .webhook(url))
                return await log.untilFinal()
            }
        }
        return (outcomes, receiver)
    }

    /// Runs `body` while the queue runs, then shuts the queue down and waits for `run()` to return.
    static func running<Value: Sendable>(_ queue: DeliveryQueue, _ body: @Sendable () async throws -> Value) async throws -> Value {
        try await withThrowingTaskGroup { group in
            group.addTask { try await queue.run() }
            defer { queue.shutdown() }
            let value = try await body()
            queue.shutdown()
            try await group.waitForAll()
            return value
        }
    }
}
