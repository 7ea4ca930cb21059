/// Where a witness listens and the limits it applies.
public struct WitnessConfiguration: Sendable {
    /// The largest `add-checkpoint` body read by default: 64 KiB, room for a checkpoint with dozens of signatures
    /// (an ML-DSA-44 line is about 3.3 KiB) and a proof of 63 hashes (under 3 KiB).
    public static let defaultMaximumBodySize = 64 << 10

    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 takes a free one.
    public var port: Int
    /// The largest request body read, in bytes; larger ones are refused with 413.
    public var maximumBodySize: Int
    /// Seconds before an idle connection is closed.
    public var idleTimeout: Int64
    /// The server name sent in responses.
    public var serverName: String

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: The address to listen on.
    ///   - port: The port to listen on; 0 takes a free one.
    ///   - maximumBodySize: The largest request body read.
    ///   - idleTimeout: Seconds before an idle connection is closed.
    ///   - serverName: The server name sent in responses.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8090,
        maximumBodySize: Int = defaultMaximumBodySize,
        idleTimeout: Int64 = 60,
        serverName: String = "roundtable-witness"
    ) {
        self.host = host
        self.port = port
        self.maximumBodySize = maximumBodySize
        self.idleTimeout = idleTimeout
        self.serverName = serverName
    }
}
