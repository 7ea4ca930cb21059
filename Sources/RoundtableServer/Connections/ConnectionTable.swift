public import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore

/// The node's open connections: how many there are, and which are idle, oldest first.
///
/// The server consults it before accepting (``isAcceptingNewConnections()``) and tells it of each connection accepted
/// and closed; past the soft limit (``ConnectionLimits/maximumConnections`` less ``ConnectionLimits/reserve``) every
/// connection accepted closes the connection that has been idle longest. Each connection's ``ConnectionWatch`` files
/// it as idle or busy. One lock guards the counts and the idle list, which is a doubly linked list: filing and
/// unfiling take constant time, however many connections are open.
public final class ConnectionTable: AvailableConnectionsDelegate, @unchecked Sendable {
    /// The limits the table applies.
    public let limits: ConnectionLimits
    private let lock = NIOLock()
    private var open = 0
    private var oldestIdle: TrackedConnection?
    private var newestIdle: TrackedConnection?

    /// Creates a table.
    /// - Parameter limits: The limits it applies.
    public init(limits: ConnectionLimits) { self.limits = limits }

    public func connectionOpened() {
        let oldest: TrackedConnection? = lock.withLock {
            open += 1
            guard open > limits.maximumConnections - limits.reserve, let oldest = oldestIdle else { return nil }
            unlink(oldest)
            return oldest
        }
        // The connection closes itself if it is still idle when its event loop reads this.
        oldest?.channel.pipeline.fireUserInboundEventTriggered(ConnectionWatch.CloseIfIdle())
    }

    public func connectionClosed() { lock.withLock { open -= 1 } }

    public func isAcceptingNewConnections() -> Bool { lock.withLock { open < limits.maximumConnections } }

    /// The connections open now.
    public var openConnections: Int { lock.withLock { open } }

    /// Files a connection as idle, the newest.
    func fileIdle(_ connection: TrackedConnection) {
        lock.withLock {
            guard !connection.isListed else { return }
            connection.isListed = true
            connection.older = newestIdle
            newestIdle?.newer = connection
            newestIdle = connection
            if oldestIdle == nil { oldestIdle = connection }
        }
    }

    /// Takes a connection off the idle list (it is busy, or gone).
    func unfile(_ connection: TrackedConnection) {
        lock.withLock { if connection.isListed { unlink(connection) } }
    }

    private func unlink(_ connection: TrackedConnection) {
        connection.older?.newer = connection.newer
        connection.newer?.older = connection.older
        if oldestIdle === connection { oldestIdle = connection.newer }
        if newestIdle === connection { newestIdle = connection.older }
        connection.older = nil
        connection.newer = nil
        connection.isListed = false
    }
}

/// A connection as ``ConnectionTable`` knows it. Its links are read and written under the table's lock only.
final class TrackedConnection: @unchecked Sendable {
    let channel: any Channel
    fileprivate var older: TrackedConnection?
    fileprivate var newer: TrackedConnection?
    fileprivate var isListed = false

    init(channel: any Channel) { self.channel = channel }
}
