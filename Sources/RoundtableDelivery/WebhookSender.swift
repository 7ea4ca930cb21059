public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
public import TransparencyLog

/// Posts notices to webhooks, each body signed with the node key (``WebhookSignature``).
///
/// A 2xx answer is a delivery; any other status, a connection that fails and a request that takes longer than the
/// timeout are failures that say why. A URL that is not `https` is refused before any request is made, except
/// `http` to a loopback address (`127.0.0.1`, `::1`, `localhost`), for tests. Redirects are not followed: a
/// webhook answers where it was configured.
public struct WebhookSender: Sendable {
    /// How long a webhook may take to answer by default.
    public static let defaultTimeout: Duration = .seconds(10)

    /// The node key that signs each body.
    public let signer: NoteSigner
    /// How long a webhook may take to answer.
    public let timeout: Duration
    private let client: HTTPClient

    /// Creates a sender.
    /// - Parameters:
    ///   - signer: The node key that signs each body.
    ///   - timeout: How long a webhook may take to answer.
    ///   - client: The HTTP client; by default one shared by every sender that follows no redirect and reports a
    ///     connection that fails at once. A client passed here must be configured the same way and shut down by
    ///     its owner.
    public init(signer: NoteSigner, timeout: Duration = defaultTimeout, client: HTTPClient? = nil) {
        self.signer = signer
        self.timeout = timeout
        self.client = client ?? Self.sharedClient
    }

    /// Posts a notice as JSON, signed.
    /// - Parameters:
    ///   - notice: The notice.
    ///   - url: The webhook's URL.
    ///   - date: The signing time.
    /// - Returns: The webhook's 2xx status.
    /// - Throws: A ``DeliveryError`` saying why the notice was not delivered.
    @discardableResult
    public func send(_ notice: Notice, to url: URL, at date: Date = Date()) async throws(DeliveryError) -> Int {
        try Self.checkDestination(url)
        try notice.validate()
        let body = notice.json
        let signature: WebhookSignature
        do { signature = try WebhookSignature.sign(body, with: signer, at: date) } catch {
            throw DeliveryError(.invalidNotice, "the node key could not sign the notice: \(error)")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in signature.headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await post(request, to: url)
    }

    /// Checks that a URL may receive webhooks: `https`, or `http` to a loopback address.
    /// - Parameter url: The webhook's URL.
    /// - Throws: ``DeliveryError/Code/refusedDestination``.
    public static func checkDestination(_ url: URL) throws(DeliveryError) {
        let scheme = url.scheme?.lowercased()
        guard let host = url.host?.lowercased(), !host.isEmpty, url.user == nil else {
            throw DeliveryError(.refusedDestination, "the webhook URL \(url.absoluteString) has no host, or carries credentials")
        }
        if scheme == "https" || (scheme == "http" && ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host)) { return }
        throw DeliveryError(
            .refusedDestination,
            "a webhook URL must be https (http only to 127.0.0.1, ::1 or localhost), not \(url.absoluteString)")
    }

    private func post(_ request: HTTPClientRequest, to url: URL) async throws(DeliveryError) -> Int {
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
            let excerpt = try await Self.excerpt(of: response.body)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw DeliveryError(.rejected, "HTTP \(response.status.code)" + (excerpt.isEmpty ? "" : ": \(excerpt)"))
            }
            return Int(response.status.code)
        } catch let error as DeliveryError {
            throw error
        } catch let error as HTTPClientError where [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw DeliveryError(.timedOut, "\(url.absoluteString) did not answer within \(timeout)")
        } catch let error as HTTPClientError where error == .cancelled {
            throw DeliveryError(.stopped, "stopped before \(url.absoluteString) answered")
        } catch is CancellationError {
            throw DeliveryError(.stopped, "stopped before \(url.absoluteString) answered")
        } catch {
            throw DeliveryError(.unreachable, "cannot reach \(url.absoluteString): \(error)")
        }
    }

    /// The start of a body as text, at most 200 characters on one line; the rest is read and dropped.
    private static func excerpt(of body: HTTPClientResponse.Body) async throws -> String {
        var kept: [UInt8] = []
        for try await buffer in body where kept.count < 200 { kept += buffer.readableBytesView.prefix(200 - kept.count) }
        let text = String(decoding: kept, as: UTF8.self)
        return String(text.map { $0.isNewline ? " " : $0 }).trimmingCharacters(in: .whitespaces)
    }

    /// A client like `HTTPClient.shared` but that follows no redirect and reports a failed connection at once.
    private static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
