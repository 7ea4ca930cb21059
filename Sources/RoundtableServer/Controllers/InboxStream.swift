import Foundation
import Hummingbird
import NIOCore
import RoundtableAPI
import RoundtableDomain
import RoundtableNode
import ServiceLifecycle

/// `GET /api/v1/inbox/stream`: a member's inbox as Server-Sent Events. Each item is an event (`id: INDEX`,
/// `event: KIND`, `data: ITEM JSON`); the stream waits on the forum's commit signal, so an item is sent as soon as the
/// act that makes it is committed, and writes a `: keep-alive` comment when idle.
///
/// It ends when the client goes away (its connection closes, or a write fails: at the latest at the second keep-alive
/// after), when the request's task is cancelled, or when the server shuts down gracefully. It starts no task that
/// outlives it.
struct InboxStream<Store: ForumStore>: Sendable {
    let forum: ForumNode<Store>
    let member: MemberID
    let keepAlive: Duration
    let channel: any Channel

    /// Items sent per look at the inbox.
    static var batch: Int { 100 }

    private enum Wake: Sendable { case committed, idle, closed }

    func run(after: UInt64?, writer: inout some ResponseBodyWriter) async throws {
        var cursor = after
        let closed = ConnectionClosed(channel)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await writer.write(ByteBuffer(string: ": inbox of \(member)\n\n"))
        while !Task.isCancelled && !Task.isShuttingDownGracefully && !closed.isClosed {
            let seen = forum.commits.size
            let items = forum.inbox(for: member, after: cursor, limit: Self.batch)
            for item in items {
                let json = String(decoding: try encoder.encode(API.InboxItem(item)), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "id: \(item.index)\nevent: \(item.kind.rawValue)\ndata: \(json)\n\n"))
                cursor = item.index
            }
            if items.count == Self.batch { continue }
            switch await wait(beyond: seen, closed: closed) {
            case .committed: continue
            case .idle: try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
            case .closed: return
            }
        }
    }

    /// Waits for a commit beyond `seen`, the keep-alive interval, the connection's end or the server's shutdown.
    private func wait(beyond seen: UInt64, closed: ConnectionClosed) async -> Wake {
        let commits = forum.commits
        let keepAlive = keepAlive
        // A graceful shutdown cancels the group: each waiting task then answers `.closed`.
        return await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Wake.self) { group in
                group.addTask {
                    await commits.wait(beyond: seen)
                    return Task.isCancelled ? .closed : .committed
                }
                group.addTask {
                    do { try await Task.sleep(for: keepAlive) } catch { return .closed }
                    return .idle
                }
                group.addTask {
                    await closed.wait()
                    return .closed
                }
                let first = await group.next() ?? .closed
                group.cancelAll()
                return first
            }
        }
    }
}
