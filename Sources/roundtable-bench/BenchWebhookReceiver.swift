import Foundation
import Hummingbird
import Logging
import NIOCore
import RoundtableDelivery
import Synchronization
import TransparencyLog

/// A webhook receiver for `bench communication`: a Hummingbird server on a loopback port the system picks, which
/// verifies every notice's signature with the node's key (docs/delivery.md) and records when each arrived.
final class BenchWebhookReceiver: Sendable {
    struct Arrival: Sendable {
        let notice: Notice
        let at: ContinuousClock.Instant
    }

    private let key: NoteVerifier
    private let arrivals = Mutex<[Arrival]>([])
    private let refusals = Mutex<Int>(0)
    private let counts = Mutex<[NoticeKind: Int]>([:])

    init(key: NoteVerifier) { self.key = key }

    /// The notices received so far whose signature verified.
    var received: [Arrival] { arrivals.withLock { $0 } }
    /// How many notices of a kind were received and verified: read without copying the arrivals, which a waiting loop
    /// would otherwise copy again and again while the handler appends to them.
    func count(of kind: NoticeKind) -> Int { counts.withLock { $0[kind] ?? 0 } }
    /// How many notices failed the signature check.
    var refused: Int { refusals.withLock { $0 } }

    /// Runs `body` with the receiver's URL while it serves.
    func serve<T: Sendable>(_ body: @escaping @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 16))
            let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }) { first, _ in first }
            guard (try? WebhookSignature.verify(headers: headers, body: bytes, key: self.key)) != nil, let notice = try? Notice(json: bytes) else {
                self.refusals.withLock { $0 += 1 }
                return .unauthorized
            }
            let arrival = Arrival(notice: notice, at: .now)
            self.arrivals.withLock { $0.append(arrival) }
            self.counts.withLock { $0[notice.kind, default: 0] += 1 }
            return .noContent
        }
        var logger = Logger(label: "bench-webhooks")
        logger.logLevel = .error
        let (port, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), backlog: 1024),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var bound = 0
            for await value in port { bound = value }
            let result = try await body("http://127.0.0.1:\(bound)/hook")
            group.cancelAll()
            return result
        }
    }
}
