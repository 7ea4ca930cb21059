import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import TransparencyLog

/// Fetches a log's resources over HTTP(S) below its URL prefix.
public struct HTTPLogFetcher: LogFetcher {
    /// The log's URL prefix, for example `https://forum.example.org/log`.
    public let prefix: String

    /// Creates a fetcher.
    /// - Parameter prefix: The log's URL prefix.
    public init(prefix: String) { self.prefix = prefix.trimmingSuffix("/") }

    public func fetch(_ path: String) async throws -> [UInt8]? {
        let url = prefix + "/" + path
        let reply: NodeHTTP.Reply
        do { reply = try await NodeHTTP.get(url, timeout: 60) } catch {
            throw CLIError("cannot fetch \(url): \(error)")
        }
        if reply.status == .notFound { return nil }
        guard reply.status == .ok else { throw CLIError("\(url) answered HTTP \(reply.status.code)") }
        return reply.body
    }
}
