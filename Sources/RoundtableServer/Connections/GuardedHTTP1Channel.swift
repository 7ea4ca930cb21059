public import HummingbirdCore
public import Logging
public import NIOCore
import NIOHTTPTypesHTTP1
public import NIOSSL

/// Hummingbird's HTTP/1.1 channel with a ``ConnectionWatch`` in front of its pipeline and a
/// ``RequestProgressHandler`` behind its codec: idle and slow connections are closed and counted in a
/// ``ConnectionTable``. With a TLS context, TLS comes first and the watch sees the decrypted bytes, so its
/// `408 Request Timeout` is written inside the TLS session.
public struct GuardedHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let table: ConnectionTable
    let tls: NIOSSLContext?

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let watch: ConnectionWatch
        do {
            let pipeline = channel.pipeline.syncOperations
            if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
            watch = ConnectionWatch(channel: channel, table: table, logger: logger)
            try pipeline.addHandler(watch)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        let watchOnLoop = NIOLoopBound(watch, eventLoop: channel.eventLoop)
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(RequestProgressHandler(watch: watchOnLoop.value), position: .after(codec))
            return value
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// An HTTP/1.1 server whose connections are watched by `table` (``GuardedHTTP1Channel``).
    /// - Parameters:
    ///   - table: The open connections and their limits.
    ///   - tls: The TLS context to serve HTTPS with; `nil` for plain HTTP.
    public static func guardedHTTP1(table: ConnectionTable, tls: NIOSSLContext? = nil) -> HTTPServerBuilder {
        .init { responder in GuardedHTTP1Channel(inner: HTTP1Channel(responder: responder), table: table, tls: tls) }
    }
}
