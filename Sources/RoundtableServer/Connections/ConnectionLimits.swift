/// How long a client may take and how many connections the node holds at once.
///
/// A connection is *idle* while it waits for a request and has sent none of it; it is closed after ``idleTimeout``.
/// Once the first byte of a request arrives, its head (request line and headers) must be complete within
/// ``requestHeadTimeout`` and its body within ``requestBodyTimeout`` of the head; a client slower than that gets
/// `408 Request Timeout` and the connection is closed. The node's own work on a request is never timed out here.
///
/// At most ``maximumConnections`` are open; past ``maximumConnections`` minus ``reserve`` the node closes its oldest
/// idle connection for each new one it accepts (as nginx reuses keep-alive connections), so that a flood of idle
/// connections never stops it accepting. Only when every open connection is busy does it stop accepting, until one
/// closes; the kernel's backlog holds the new ones meanwhile.
public struct ConnectionLimits: Sendable, Equatable {
    /// How long a connection may wait for a request without sending any of it.
    public var idleTimeout: Duration
    /// How long a request's head may take from its first byte.
    public var requestHeadTimeout: Duration
    /// How long a request's body may take from its head.
    public var requestBodyTimeout: Duration
    /// The most connections open at once.
    public var maximumConnections: Int
    /// How many of ``maximumConnections`` the node keeps free by closing its oldest idle connections.
    public var reserve: Int
    /// How many connections the kernel may hold waiting to be accepted (`listen`'s backlog; Linux caps it at
    /// `net.core.somaxconn`).
    public var backlog: Int

    /// The descriptors a node keeps for itself out of its open-file limit: its database, the log's tiles, its own
    /// log output and the listening socket.
    public static let descriptorsForTheNode = 128

    /// Creates limits.
    /// - Parameters:
    ///   - idleTimeout: How long a connection may wait for a request; 60 s by default.
    ///   - requestHeadTimeout: How long a request's head may take; 15 s by default.
    ///   - requestBodyTimeout: How long a request's body may take; 60 s by default.
    ///   - maximumConnections: The most connections open at once; by default the process's open-file limit less
    ///     ``descriptorsForTheNode``.
    ///   - reserve: The connections kept free; by default a sixteenth of the maximum, from 1 to 64.
    ///   - backlog: The listen backlog; 4,096 by default.
    public init(
        idleTimeout: Duration = .seconds(60),
        requestHeadTimeout: Duration = .seconds(15),
        requestBodyTimeout: Duration = .seconds(60),
        maximumConnections: Int? = nil,
        reserve: Int? = nil,
        backlog: Int = 4096
    ) {
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
        let maximum = max(2, maximumConnections ?? (OpenFileLimit.current.soft - Self.descriptorsForTheNode))
        self.maximumConnections = maximum
        self.reserve = min(max(1, reserve ?? min(64, maximum / 16)), maximum - 1)
        self.backlog = backlog
    }
}
