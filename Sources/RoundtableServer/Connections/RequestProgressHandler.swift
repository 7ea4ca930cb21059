import NIOCore
import NIOHTTPTypes

/// Reports each request's head and end, and each response's head and end, to the connection's ``ConnectionWatch``:
/// it sits behind the HTTP codec, where requests are whole parts rather than bytes.
final class RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let watch: ConnectionWatch

    init(watch: ConnectionWatch) { self.watch = watch }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: watch.requestHeadReceived()
        case .body: break
        case .end: watch.requestEndReceived()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: watch.responseHeadWritten()
        case .body: break
        case .end: watch.responseEndWritten()
        }
        context.write(data, promise: promise)
    }
}
