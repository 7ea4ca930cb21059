import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A webhook receiver for tests: a real HTTP server on 127.0.0.1, on a port the system picks, that checks each
/// request's signature as docs/delivery.md tells a receiver to (with swift-crypto directly, not with the code that
/// signs) and records what it got.
final class WebhookReceiver: Sendable {
    /// One request, as received, and what the documented check said of it.
    struct Received: Sendable {
        let headers: [String: String]
        let body: [UInt8]
        /// `nil` when the signature verified, else why not.
        let refusal: String?
    }

    private struct State {
        var received: [Received] = []
        var failuresLeft: Int
        var inFlight = 0
        var maximumConcurrent = 0
    }

    /// The forum's verifier key text, as the receiver was configured with it.
    let verifierKey: String
    private let state: Mutex<State>

    /// - Parameters:
    ///   - verifierKey: The C2SP verifier key text the receiver trusts.
    ///   - failFirst: How many requests to answer 503 before accepting.
    init(verifierKey: String, failFirst: Int = 0) {
        self.verifierKey = verifierKey
        state = Mutex(State(failuresLeft: failFirst))
    }

    /// The requests received so far.
    var received: [Received] { state.withLock { $0.received } }
    /// The most requests it was handling at once.
    var maximumConcurrent: Int { state.withLock { $0.maximumConcurrent } }

    /// Runs `body` with the URL of the receiver's `/hook` while it serves.
    func serve<Value: Sendable>(_ body: @Sendable (URL) async throws -> Value) async throws -> Value {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            self.state.withLock { state in
                state.inFlight += 1
                state.maximumConcurrent = max(state.maximumConcurrent, state.inFlight)
            }
            defer { self.state.withLock { $0.inFlight -= 1 } }
            let bytes = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
            return Response(status: self.record(headers: headers, body: bytes))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body(URL(string: "http://127.0.0.1:\(client.port!)/hook")!) }
    }

    private func record(headers: [String: String], body: [UInt8]) -> HTTPResponse.Status {
        let refusal = Self.check(headers: headers, body: body, verifierKey: verifierKey, now: Date())
        return state.withLock { state in
            state.received.append(Received(headers: headers, body: body, refusal: refusal))
            if refusal != nil { return .unauthorized }
            guard state.failuresLeft == 0 else {
                state.failuresLeft -= 1
                return .serviceUnavailable
            }
            return .accepted
        }
    }

    /// The receiver's check, step by step as docs/delivery.md gives it: `nil` if the webhook is genuine.
    static func check(headers: [String: String], body: [UInt8], verifierKey: String, now: Date, tolerance: Int64 = 300) -> String? {
        let key = verifierKey.split(separator: "+", maxSplits: 2).map(String.init)
        guard key.count == 3, let keyBytes = Data(base64Encoded: key[2]), keyBytes.count == 33, keyBytes.first == 0x01,
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes.dropFirst())
        else { return "malformed verifier key" }
        guard let timestamp = headers["roundtable-timestamp"], let seconds = Int64(timestamp),
            let signature = headers["roundtable-signature"]?.split(separator: " ").map(String.init), signature.count == 2,
            let raw = Data(base64Encoded: signature[1]), raw.count == 68
        else { return "malformed headers" }
        guard signature[0] == key[0], raw.prefix(4).map({ String(format: "%02x", $0) }).joined() == key[1] else { return "unknown key" }
        let message = Data("roundtable-webhook/v1\n\(timestamp)\n".utf8) + Data(body)
        guard publicKey.isValidSignature(raw.dropFirst(4), for: message) else { return "bad signature" }
        guard abs(Int64(now.timeIntervalSince1970) - seconds) <= tolerance else { return "stale timestamp" }
        return nil
    }
}
