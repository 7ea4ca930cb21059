import Logging
import NIOCore

/// Watches one connection from the front of its pipeline, where the bytes arrive: it files the connection with the
/// ``ConnectionTable`` as idle or busy, and closes it when the client is too slow for ``ConnectionLimits``.
///
/// Its phases: *idle* (waiting for a request, nothing of it received; timed by the idle timeout), *reading the head*
/// (from the first byte; the head timeout), *reading the body* (from the head; the body timeout) and *responding*
/// (the node's work, never timed out here). ``RequestProgressHandler``, behind the HTTP decoder, reports the heads,
/// ends and responses. A client that times out mid-request gets `408 Request Timeout`, unless a response has begun.
final class ConnectionWatch: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Asks a connection to close if it is still idle: sent by the table to make room.
    struct CloseIfIdle {}

    enum Phase { case idle, readingHead, readingBody, responding, closed }

    private(set) var phase = Phase.idle
    private var responseStarted = false
    private var responseEnded = false
    private var deadline: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    private let table: ConnectionTable
    private let tracked: TrackedConnection
    private let logger: Logger

    init(channel: any Channel, table: ConnectionTable, logger: Logger) {
        self.table = table
        self.tracked = TrackedConnection(channel: channel)
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        becomeIdle()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if phase == .idle { enter(.readingHead, timeout: table.limits.requestHeadTimeout) }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is CloseIfIdle else { return context.fireUserInboundEventTriggered(event) }
        guard phase == .idle else { return }
        logger.trace("Closing the oldest idle connection to make room")
        close()
    }

    // MARK: Reported by RequestProgressHandler

    /// A request's head was decoded.
    func requestHeadReceived() {
        guard phase != .closed else { return }
        responseStarted = false
        responseEnded = false
        enter(.readingBody, timeout: table.limits.requestBodyTimeout)
    }

    /// A request's end was decoded: the node works on it, or has already answered it.
    func requestEndReceived() {
        guard phase != .closed else { return }
        if responseEnded { becomeIdle() } else { enter(.responding, timeout: nil) }
    }

    /// A response's head is being written.
    func responseHeadWritten() { responseStarted = true }

    /// A response's end is being written: the connection waits for its next request, unless the request's body is
    /// still arriving (the node answered early), which stays timed.
    func responseEndWritten() {
        responseEnded = true
        if phase == .responding { becomeIdle() }
    }

    // MARK: Phases

    private func becomeIdle() {
        guard phase != .closed else { return }
        enter(.idle, timeout: table.limits.idleTimeout)
        table.fileIdle(tracked)
    }

    private func enter(_ next: Phase, timeout: Duration?) {
        if phase == .idle, next != .idle { table.unfile(tracked) }
        phase = next
        deadline?.cancel()
        deadline = nil
        guard let timeout, let context else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in self?.timedOut() }
    }

    private func timedOut() {
        deadline = nil
        switch phase {
        case .idle:
            logger.trace("Closing an idle connection")
        case .readingHead, .readingBody:
            logger.debug("Closing a connection whose request was not received in time", metadata: ["phase": "\(phase)"])
            if !responseStarted, let context {
                context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: Self.requestTimeout)), promise: nil)
            }
        case .responding, .closed:
            return
        }
        close()
    }

    private func close() {
        guard let context else { return }
        finish()
        context.close(promise: nil)
    }

    private func finish() {
        guard phase != .closed else { return }
        deadline?.cancel()
        deadline = nil
        table.unfile(tracked)
        phase = .closed
    }

    /// The answer to a request that was not received in time, written below the HTTP encoder.
    static let requestTimeout: String = {
        let body = "The request was not received in time; send it again on a new connection.\n"
        return "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    }()
}
