import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import TransparencyLog

/// Fetches a log's resources over HTTP(S) below its URL prefix.
struct HTTPLogFetcher: LogFetcher {
    /// The log's URL prefix, for example `https://forum.example.org/log`.
    let prefix: String

    init(prefix: String) { self.prefix = prefix.trimmingSuffix("/") }

    func fetch(_ path: String) async throws -> [UInt8]? {
        let url = prefix + "/" + path
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        } catch {
            throw CLIError("cannot fetch \(url): \(error)")
        }
        if response.status == .notFound { return nil }
        guard response.status == .ok else { throw CLIError("\(url) answered HTTP \(response.status.code)") }
        return Array(buffer: try await response.body.collect(upTo: 16 << 20))
    }
}
