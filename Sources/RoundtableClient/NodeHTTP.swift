import AsyncHTTPClient
import Foundation
import NIOCore
public import NIOHTTP1
public import RoundtableAPI

/// The HTTP calls the command-line tool makes to a node: a GET, and posting a signed act.
public enum NodeHTTP {
    /// A response's status, headers and body.
    public struct Reply: Sendable {
        /// The HTTP status.
        public let status: HTTPResponseStatus
        /// The headers.
        public let headers: HTTPHeaders
        /// The body, as sent: still compressed if the request accepted a `Content-Encoding` and the node used it.
        public let body: [UInt8]

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Gets a URL.
    /// - Parameters:
    ///   - url: The URL.
    ///   - headers: Request headers.
    ///   - timeout: Seconds the request may take.
    ///   - failingFast: `true` (the default) to report a connection that cannot be made at once, as a command's user
    ///     expects of a node that is down; `false` to retry it until the timeout, for a long fetch (a mirror's, an
    ///     audit's) that should ride out a node's restart.
    public static func get(_ url: String, headers: [String: String] = [:], timeout: Int64 = 30, failingFast: Bool = true) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        return try await send(request, timeout: timeout, client: failingFast ? failingFastClient : .shared)
    }

    /// Posts a signed note to a node's `/api/v1/acts`.
    /// - Parameters:
    ///   - note: The signed note's bytes.
    ///   - node: The node's URL.
    public static func postAct(_ note: [UInt8], node: String, timeout: Int64 = 30) async throws -> Reply {
        try await post(node.trimmingSuffix("/") + "/api/v1/acts", note, headers: ["Content-Type": "text/plain; charset=utf-8"], timeout: timeout)
    }

    /// Posts a body with headers; a connection that cannot be made is reported at once.
    public static func post(_ url: String, _ body: [UInt8], headers: [String: String], timeout: Int64 = 30) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await send(request, timeout: timeout, client: failingFastClient)
    }

    /// Posts a signed act and returns the node's receipt, or throws the node's refusal.
    /// - Parameters:
    ///   - note: The signed note's bytes.
    ///   - node: The node's URL.
    public static func submitAct(_ note: [UInt8], node: String) async throws -> String {
        let reply: Reply
        do { reply = try await postAct(note, node: node) } catch { throw CLIError(ReachError.describe(error, url: node)) }
        guard reply.status == .created else { throw CLIError("the node refused the act (HTTP \(reply.status.code)): \(reply.text)") }
        return reply.text
    }

    /// Gets a URL and decodes its JSON body.
    public static func getJSON<Value: Decodable>(_ url: String, headers: [String: String] = [:], timeout: Int64 = 30) async throws -> Value {
        let reply: Reply
        do { reply = try await get(url, headers: headers, timeout: timeout) } catch { throw CLIError(ReachError.describe(error, url: url)) }
        guard reply.status == .ok else { throw CLIError("\(url) answered HTTP \(reply.status.code): \(reply.text)") }
        do { return try JSONDecoder().decode(Value.self, from: Data(reply.body)) } catch {
            throw CLIError("\(url) answered something other than expected: \(error)")
        }
    }

    /// Posts a document to a node's `/api/v1/documents` with a member's API token.
    public static func postDocument(_ bytes: [UInt8], mediaType: String, token: String, node: String, timeout: Int64 = 30) async throws
        -> API.DocumentCreated
    {
        let reply = try await post(
            node.trimmingSuffix("/") + "/api/v1/documents", bytes, headers: ["Content-Type": mediaType, "Authorization": "Bearer \(token)"],
            timeout: timeout)
        guard reply.status == .created else { throw CLIError("the node refused the document (HTTP \(reply.status.code)): \(reply.text)") }
        return try JSONDecoder().decode(API.DocumentCreated.self, from: Data(reply.body))
    }

    /// The shared client's settings, but a connection that fails is reported at once instead of retried.
    private static let failingFastClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    private static func send(_ request: HTTPClientRequest, timeout: Int64, client: HTTPClient = .shared) async throws -> Reply {
        let response = try await client.execute(request, timeout: .seconds(timeout))
        return Reply(status: response.status, headers: response.headers, body: Array(buffer: try await response.body.collect(upTo: 16 << 20)))
    }
}

extension String {
    /// The string without any trailing repetitions of `suffix`.
    public func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
