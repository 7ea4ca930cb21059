import NIOHTTP1
public import TransparencyLog

/// Posts `add-checkpoint` requests to a witness over HTTP(S).
public struct HTTPWitnessTransport: WitnessTransport {
    /// The witness's submission prefix, for example `https://witness.example.org`; requests go to
    /// `<prefix>/add-checkpoint`.
    public let prefix: String
    /// Seconds a request may take.
    public let timeout: Int64

    /// Creates a transport.
    /// - Parameters:
    ///   - prefix: The witness's submission prefix.
    ///   - timeout: Seconds a request may take.
    public init(prefix: String, timeout: Int64 = 30) {
        self.prefix = prefix.trimmingSuffix("/")
        self.timeout = timeout
    }

    public func postAddCheckpoint(_ body: [UInt8]) async throws -> WitnessReply {
        let url = prefix + "/add-checkpoint"
        let reply: NodeHTTP.Reply
        do { reply = try await NodeHTTP.post(url, body, headers: ["Content-Type": "text/plain; charset=utf-8"], timeout: timeout) } catch {
            throw CLIError("the witness: " + ReachError.describe(error, url: url))
        }
        return WitnessReply(status: Int(reply.status.code), contentType: reply.headers.first(name: "Content-Type"), body: reply.body)
    }
}
