import NIOCore
import RoundtableNode

/// Tells a waiting task that a connection's channel closed: registered once on the channel's close future, and waited
/// on as often as needed, each wait ending early when its task is cancelled.
final class ConnectionClosed: Sendable {
    /// 0 while the channel is open, 1 once it closed.
    private let signal = ProgressSignal(size: 0)

    init(_ channel: any Channel) {
        channel.closeFuture.whenComplete { [signal] _ in signal.advance(to: 1) }
    }

    /// Whether the channel has closed.
    var isClosed: Bool { signal.size > 0 }

    /// Returns once the channel closed, or when the task is cancelled.
    func wait() async { await signal.wait(beyond: 0) }
}
