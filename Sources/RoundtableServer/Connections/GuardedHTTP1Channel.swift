public import HummingbirdCore
public import Logging
public import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 channel with a ``ConnectionWatch`` in front of its pipeline and a
/// ``RequestProgressHandler`` behind its codec: idle and slow connections are closed and counted in a
/// ``ConnectionTable``.
public struct GuardedHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let table: ConnectionTable

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let watch: ConnectionWatch
        do {
            watch = ConnectionWatch(channel: channel, table: table, logger: logger)
            try channel.pipeline.syncOperations.addHandler(watch, position: .first)
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
    /// - Parameter table: The open connections and their limits.
    public static func guardedHTTP1(table: ConnectionTable) -> HTTPServerBuilder {
        .init { responder in GuardedHTTP1Channel(inner: HTTP1Channel(responder: responder), table: table) }
    }
}
