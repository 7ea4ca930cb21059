import HTTPTypes
import Hummingbird
import NIOCore

/// Gives every successful `GET` (and the `HEAD` made from it) its caching policy (``CachePolicy``) and, unless its
/// handler gave one, a strong `ETag` of its body (``EntityTag/of(_:)``). Bodies of unknown length or over
/// ``largestTagged`` bytes get no tag.
///
/// A router middleware, so it sees the whole body of a `HEAD` before Hummingbird drops it and tags both alike.
/// ``ConditionalRequest`` answers the 304s.
struct EntityTagMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body hashed for a tag.
    static var largestTagged: Int { 16 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get || request.method == .head, response.status == .ok else { return response }
        let given = response.headers[.cacheControl]
        let policy = CachePolicy.cacheControl(for: request, given: given)
        if policy != given { response.headers[.cacheControl] = policy }
        guard response.headers[.eTag] == nil, let length = response.body.contentLength, length <= Self.largestTagged else { return response }
        let body = try await Self.collect(response.body)
        response.headers[.eTag] = EntityTag.of(body)
        response.body = ResponseBody(byteBuffer: body)
        return response
    }

    /// The bytes a body writes: its buffer itself when it is one.
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collected = Collected()
        try await body.write(CollectingWriter(into: collected))
        return collected.buffer ?? ByteBuffer()
    }

    private final class Collected {
        var buffer: ByteBuffer?
    }

    private struct CollectingWriter: ResponseBodyWriter {
        let into: Collected

        mutating func write(_ buffer: ByteBuffer) async throws {
            if into.buffer == nil { into.buffer = buffer } else { into.buffer!.writeImmutableBuffer(buffer) }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
