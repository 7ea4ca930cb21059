import AsyncHTTPClient
import NIOCore
import NIOHTTP1
public import TransparencyLog

/// Fetches a log's resources over HTTP(S) below its URL prefix.
public struct HTTPLogFetcher: LogFetcher {
    /// The log's URL prefix, for example `https://forum.example.org/log`.
    public let prefix: String
    /// Seconds a fetch may take.
    public let timeout: Int64
    /// Whether a connection that cannot be made fails the fetch at once, rather than being retried until the timeout.
    public let failingFast: Bool

    /// Creates a fetcher.
    /// - Parameters:
    ///   - prefix: The log's URL prefix.
    ///   - timeout: Seconds a fetch may take.
    ///   - failingFast: `true` for a server (a witness) that must answer its own client in time: a connection that
    ///     cannot be made fails the fetch at once.
    public init(prefix: String, timeout: Int64 = 60, failingFast: Bool = false) {
        self.prefix = prefix.trimmingSuffix("/")
        self.timeout = timeout
        self.failingFast = failingFast
    }

    public func fetch(_ path: String) async throws -> [UInt8]? {
        let url = prefix + "/" + path
        let reply: NodeHTTP.Reply
        do { reply = try await NodeHTTP.get(url, timeout: timeout, failingFast: failingFast) } catch {
            throw CLIError(ReachError.describe(error, url: url))
        }
        if reply.status == .notFound { return nil }
        guard reply.status == .ok else { throw CLIError("\(url) answered HTTP \(reply.status.code)") }
        return reply.body
    }
}
