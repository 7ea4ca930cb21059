import Crypto
import HTTPTypes
import Hummingbird
import NIOCore
import TransparencyLog

/// Gives every successful `GET` (and the `HEAD` made from it) its caching policy (``CachePolicy``) and a strong `ETag`:
/// the first 16 bytes of the SHA-256 of the body, in hex, so the tag changes exactly when the body does. Bodies of
/// unknown length or over ``largestTagged`` bytes get no tag.
///
/// A router middleware, so it sees the whole body of a `HEAD` before Hummingbird drops it and tags both alike.
/// ``ConditionalRequestMiddleware`` answers the 304s.
struct EntityTagMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body hashed for a tag.
    static var largestTagged: Int { 16 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get || request.method == .head, response.status == .ok else { return response }
        response.headers[.cacheControl] = CachePolicy.cacheControl(for: request, given: response.headers[.cacheControl])
        guard response.headers[.eTag] == nil, let length = response.body.contentLength, length <= Self.largestTagged else { return response }
        let body = try await Self.collect(response.body)
        response.headers[.eTag] = Self.tag(of: body)
        response.body = ResponseBody(byteBuffer: body)
        return response
    }

    /// The strong tag of a body.
    static func tag(of body: ByteBuffer) -> String {
        var hash = SHA256()
        body.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
        return "\"" + Hex.encode(Array(hash.finalize().prefix(16))) + "\""
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
