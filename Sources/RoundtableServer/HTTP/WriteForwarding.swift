import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// On a front-end that does not lead, forwards every request that writes (any method but `GET`, `HEAD` and
/// `OPTIONS`) to the front-end that does, and answers with its answer: the client sees one forum, whichever
/// front-end it reached. Reads are served where they arrive.
///
/// The request goes on as it came (method, path, query, host, headers, body) with `Forwarded` added; hop-by-hop headers
/// are dropped both ways. When the leader cannot be reached, the answer is 503 with `Retry-After`, and nothing was
/// written.
struct WriteForwarding<Context: RequestContext>: RouterMiddleware {
    /// The leader's URL while this front-end does not lead; `nil` while it does.
    let leader: @Sendable () async -> String?
    /// The largest body forwarded.
    let maximumBodySize: Int

    private static var hopByHop: Set<String> {
        ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host"]
    }

    /// The `Forwarded` element a front-end adds; a request that carries it was forwarded once already.
    static var forwardedBy: String { "by=front-end" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A request is forwarded once at most: one that another front-end forwarded here is answered here, by the
        // node's own gate (503 `starting` and `Retry-After` while this front-end is taking the lead, and on a front-end
        // that does not lead), never sent on in a loop between front-ends that each think the other leads.
        guard ![.get, .head, .options].contains(request.method), !Self.wasForwarded(request), let leader = await leader() else {
            return try await next(request, context)
        }
        var forwarded = HTTPClientRequest(url: leader + request.uri.description)
        forwarded.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopByHop.contains(field.name.canonicalName) {
            forwarded.headers.add(name: field.name.rawName, value: field.value)
        }
        // The host the client asked, as the leader's checks of `Origin` compare it.
        if let authority = request.head.authority { forwarded.headers.replaceOrAdd(name: "Host", value: authority) }
        forwarded.headers.add(name: "Forwarded", value: Self.forwardedBy)
        let body = try await request.body.collect(upTo: maximumBodySize)
        forwarded.body = .bytes(body)
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await ForwardingClient.shared.execute(forwarded, timeout: .seconds(30))
            bytes = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw APIError(
                .serviceUnavailable, code: "leader_unreachable",
                "this front-end does not lead, and the one that does (\(leader)) could not be reached: \(error); retry in a few seconds",
                headers: [.retryAfter: "2"])
        }
        var headers = HTTPFields()
        for (name, value) in response.headers where !Self.hopByHop.contains(name.lowercased()) {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: Int(response.status.code)), headers: headers, body: .init(byteBuffer: bytes))
    }

    private static func wasForwarded(_ request: Request) -> Bool {
        request.headers[values: HTTPField.Name("Forwarded")!].contains { value in
            value.split(separator: ",").contains { $0.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == forwardedBy } }
        }
    }
}

/// The HTTP client that forwards writes. A leader that cannot be reached (killed, and not yet replaced) is reported
/// within a second rather than after the request's whole deadline, so the client retries soon, by then likely on the
/// new leader; and as many writes may be forwarded at once as clients send.
private enum ForwardingClient {
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(1)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
