import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import RoundtableDomain

/// Which of several front-ends on one database sequences acts and signs checkpoints: the one holding a PostgreSQL
/// advisory lock, on a connection of its own. Taking the lead raises the epoch in `log_head`, which every append
/// checks: a front-end that lost the lead (its connection gone, the lock released by the server) can append nothing
/// more, even before it notices.
extension PostgresForumStore {
    /// The advisory lock key of the lead (`roundlead` in ASCII). `pg_locks` shows the connection that holds it as an
    /// `advisory` lock whose `classid` is the key's high 32 bits and `objid` its low 32 bits.
    public static let leadKey: Int64 = 0x726f_756e_646c_6561

    /// The front-end that leads, as it announced itself, and the lead's epoch.
    public struct Leader: Sendable, Hashable {
        /// The URL the leader takes forwarded writes at, if it gave one.
        public let url: String?
        /// The lead's epoch, raised by each front-end that takes it.
        public let epoch: Int64
    }

    /// Tries to take the lead, without waiting: `true` when this store now holds it (it may already have).
    ///
    /// A follower asks again and again (every 200 ms): it keeps the connection it asks on open between tries, rather than
    /// open one, and make the server start a process for it, each time. The connection that takes the lock holds it.
    /// - Parameter url: Where this front-end takes writes forwarded by the others.
    public func tryToLead(url: String) async throws -> Bool {
        if lead.withLock({ $0.connection }) != nil { return true }
        let kept = lead.withLock { state in defer { state.candidate = nil }; return state.candidate }
        let connection: PostgresConnection
        if let kept, !kept.isClosed {
            connection = kept
        } else {
            connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 1, logger: logger)
        }
        do {
            let taken = try await connection.query("SELECT pg_try_advisory_lock(\(Self.leadKey))", logger: logger).collect()
                .first?.decode(Bool.self) ?? false
            guard taken else {
                lead.withLock { $0.candidate = connection }
                return false
            }
            let epoch = try await connection.query(
                "UPDATE log_head SET epoch = epoch + 1, leader_url = \(url), leader_since = now() WHERE id = 1 RETURNING epoch", logger: logger
            ).collect().first?.decode(Int64.self) ?? 0
            lead.withLock { ($0.epoch, $0.connection) = (epoch, connection) }
            return true
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Whether this store still holds the lead: its lock's connection is open and answers within
    /// ``leadCheckTimeout``. When it does not, the server has released the lock (or will, once it sees the connection
    /// gone), and another front-end may take it; the connection is closed.
    public func stillLeads() async -> Bool {
        guard let connection = lead.withLock({ $0.connection }) else { return false }
        if await Self.answers(connection, within: Self.leadCheckTimeout, logger: logger) { return true }
        lead.withLock { $0.connection = nil }
        try? await connection.close()
        return false
    }

    /// Fences a write of the leader's other than an append (tiles, checkpoints, cosigned checkpoints), in its
    /// transaction: the lead's epoch must still be this store's, and it stays so until the transaction ends (the row is
    /// locked against a front-end taking the lead meanwhile). A deposed leader therefore signs and stores nothing more,
    /// even before it notices.
    /// - Throws: ``NotLeading`` when another front-end took the lead.
    func holdLead(on connection: PostgresConnection) async throws {
        let epoch = lead.withLock { $0.epoch }
        let current = try await connection.query("SELECT epoch FROM log_head WHERE id = 1 FOR SHARE", logger: logger).collect()
            .first?.decode(Int64.self) ?? 0
        guard current == epoch else { throw NotLeading(epoch: epoch, current: current) }
    }

    /// How long ``stillLeads()`` waits for the lock's connection to answer.
    static let leadCheckTimeout = TimeAmount.seconds(5)

    /// Whether a connection is open and answers `SELECT 1` within `timeout`. A connection the server closed is not
    /// asked: postgres-nio never answers a query written to a closed connection (the failed write does not reach the
    /// query). Where no answer comes (the connection closed just as it was asked, or the network drops its packets),
    /// the deadline decides; the task waiting for the answer then ends when the connection is closed, or, if the query
    /// was lost, never.
    private static func answers(_ connection: PostgresConnection, within timeout: TimeAmount, logger: Logger) async -> Bool {
        guard !connection.isClosed else { return false }
        let answer = connection.eventLoop.makePromise(of: Bool.self)
        let deadline = connection.eventLoop.scheduleTask(in: timeout) { answer.succeed(false) }
        defer { deadline.cancel() }
        Task { answer.succeed((try? await connection.query("SELECT 1", logger: logger).collect()) != nil) }
        return (try? await answer.futureResult.get()) ?? false
    }

    /// The front-end that leads now, as the database says.
    public func leader() async throws -> Leader {
        guard let row = try await client.query("SELECT leader_url, epoch FROM log_head WHERE id = 1", logger: logger).collect().first else {
            throw PostgresStoreError.corruptRow("log_head")
        }
        let (url, epoch) = try row.decode((String?, Int64).self)
        return Leader(url: url, epoch: epoch)
    }
}
