import Foundation
public import NIOSSL
public import RoundtableDelivery
public import RoundtableNode

/// How a node is run: where it listens and the public URL it is known by.
///
/// Every field has a default; the `roundtable serve` options and environment variables map into it, and tests build
/// it directly.
public struct RoundtableConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on.
    public var port: Int
    /// The URL members and auditors reach the node at; `http://HOST:PORT` by default.
    public var publicURL: String
    /// The largest request body the node reads, in bytes; larger bodies are refused unread.
    public var maximumBodySize: Int
    /// The server name sent in responses.
    public var serverName: String
    /// How often the log integrates new entries and publishes a checkpoint if the tree grew; `nil` leaves that to
    /// the caller of ``ForumLog/integrateAndPublish()`` (tests and offline tools).
    public var checkpointInterval: Duration?
    /// How often the node writes the governance acts it owes (circulating, opening and closing ballots, deciding);
    /// `nil` leaves that to the caller of ``ForumNode/performDueActs(now:)``.
    public var clerkInterval: Duration?
    /// The SHA-256 of the operator's token, which authenticates `/api/v1/admin/…`; `nil` serves no admin routes.
    public var adminTokenDigest: [UInt8]?
    /// How long clients may take and how many connections the node holds.
    public var connections: ConnectionLimits
    /// How the node reaches the members' witnesses to collect cosignatures; `nil` collects none.
    public var witnessTransport: WitnessTransportMaker?
    /// Whether the node POSTs signed notices to the contacts' webhooks (`docs/delivery.md`).
    public var webhooks = true
    /// How the node e-mails notices through the host's mail transfer agent; `nil` sends no e-mail.
    public var mail: MailSender.Configuration?
    /// How often and how long a failed notice is tried again.
    public var noticeRetry = RetryPolicy()
    /// How long an idle inbox event stream waits between two `: keep-alive` comments (15 seconds).
    public var eventStreamKeepAlive: Duration = .seconds(15)
    /// Where writes go when several front-ends share one database: the URL of the front-end that leads while this
    /// one does not (its writes are forwarded there), `nil` while this one leads. Not set for a lone node.
    public var leaderForWrites: (@Sendable () async -> String?)?
    /// The certificate chain and key to serve HTTPS with; `nil` serves plain HTTP (behind a proxy that ends TLS).
    public var tls: TLSConfiguration?
    /// With ``tls``, whether clients may choose HTTP/2 (by ALPN) as well as HTTP/1.1.
    public var http2 = false
    /// Writes the metrics recorded through swift-metrics in the Prometheus text format; with the operator's token
    /// (``adminTokenDigest``), served at `GET /metrics`. `nil` serves no metrics.
    public var metricsExposition: (@Sendable () -> [UInt8])?

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: The address to listen on.
    ///   - port: The port to listen on.
    ///   - publicURL: The URL members reach the node at; `nil` means `http://HOST:PORT`.
    ///   - maximumBodySize: The largest request body the node reads.
    ///   - serverName: The server name sent in responses.
    ///   - checkpointInterval: How often the log integrates and publishes.
    ///   - clerkInterval: How often the node writes the governance acts it owes.
    ///   - adminTokenDigest: The SHA-256 of the operator's token, or `nil` for no admin routes.
    ///   - connections: How long clients may take and how many connections the node holds.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        publicURL: String? = nil,
        maximumBodySize: Int = 1 << 20,
        serverName: String = "Roundtable",
        checkpointInterval: Duration? = .seconds(1),
        clerkInterval: Duration? = .seconds(1),
        adminTokenDigest: [UInt8]? = nil,
        connections: ConnectionLimits = .init()
    ) {
        self.host = host
        self.port = port
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.maximumBodySize = maximumBodySize
        self.serverName = serverName
        self.checkpointInterval = checkpointInterval
        self.clerkInterval = clerkInterval
        self.adminTokenDigest = adminTokenDigest
        self.connections = connections
    }

    /// The forum's origin: the public URL without its scheme or trailing slash, for example `127.0.0.1:8080`.
    public var origin: String {
        get throws(ConfigurationError) {
            var text = Substring(publicURL)
            guard let schemeEnd = text.range(of: "://"), ["http", "https"].contains(text[..<schemeEnd.lowerBound]) else {
                throw ConfigurationError("the public URL '\(publicURL)' must start with http:// or https://")
            }
            text = text[schemeEnd.upperBound...]
            while text.hasSuffix("/") { text = text.dropLast() }
            guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "+" || $0 == "?" || $0 == "#" }) else {
                throw ConfigurationError("the public URL '\(publicURL)' must have a host and no spaces, '+', query or fragment")
            }
            return String(text)
        }
    }
}

/// A configuration value that cannot be used, with what to change.
public struct ConfigurationError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    /// Creates an error.
    /// - Parameter description: What is wrong.
    public init(_ description: String) { self.description = description }
}
