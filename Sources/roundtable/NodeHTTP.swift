import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The HTTP calls the command-line tool makes to a node: a GET, and posting a signed act.
enum NodeHTTP {
    /// A response's status and body.
    struct Reply {
        let status: HTTPResponseStatus
        let body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Gets a URL.
    static func get(_ url: String, timeout: Int64 = 30) async throws -> Reply {
        try await send(HTTPClientRequest(url: url), timeout: timeout)
    }

    /// Posts a signed note to a node's `/api/v1/acts`.
    /// - Parameters:
    ///   - note: The signed note's bytes.
    ///   - node: The node's URL.
    static func postAct(_ note: [UInt8], node: String, timeout: Int64 = 30) async throws -> Reply {
        var request = HTTPClientRequest(url: node.trimmingSuffix("/") + "/api/v1/acts")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: note))
        return try await send(request, timeout: timeout)
    }

    private static func send(_ request: HTTPClientRequest, timeout: Int64) async throws -> Reply {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        return Reply(status: response.status, body: Array(buffer: try await response.body.collect(upTo: 16 << 20)))
    }
}

extension String {
    /// The string without any trailing repetitions of `suffix`.
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
