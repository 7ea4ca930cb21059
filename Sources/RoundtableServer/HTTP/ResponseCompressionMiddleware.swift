import HTTPTypes
import Hummingbird

/// gzip-compresses text answers for a client whose `Accept-Encoding` allows it: pages, JSON, TAXII and STIX, the
/// checkpoint and the log's entry bundles. The body streams through ``GzipBodyWriter``, so the answer loses its
/// `Content-Length`; its `ETag`, if any, gets a `-gzip` suffix so that the two encodings never share a validator.
///
/// Left as they are: bodies under ``minimumLength`` bytes, media that are already compressed or incompressible (hash
/// tiles, images), answers with `Cache-Control: no-transform` or a `Content-Encoding`, and `HEAD` answers' bodies (a
/// `HEAD` gets the headers the `GET` would). Every answer that could be compressed carries `Vary: Accept-Encoding`.
struct ResponseCompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Bodies shorter than this are not worth a gzip header and a stream.
    static var minimumLength: Int { 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.isCompressible(response, path: request.uri.path) else { return response }
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        guard AcceptEncoding(request.headers[.acceptEncoding]).allowsGzip else { return response }
        response.headers[.contentEncoding] = "gzip"
        if let tag = response.headers[.eTag], tag.hasSuffix("\"") { response.headers[.eTag] = tag.dropLast() + "-gzip\"" }
        if request.method == .head {
            response.headers[.contentLength] = nil
        } else {
            response.body = GzipBodyWriter.compressing(response.body)
        }
        return response
    }

    /// Whether the answer is text worth compressing.
    static func isCompressible(_ response: Response, path: String) -> Bool {
        guard response.status != .noContent, response.status != .notModified, response.headers[.contentEncoding] == nil,
            response.headers[.cacheControl]?.contains("no-transform") != true
        else { return false }
        // A HEAD answer has no body, but keeps the length of the GET's.
        if let length = response.headers[.contentLength].flatMap(Int.init) ?? response.body.contentLength, length < minimumLength {
            return false
        }
        if path.hasPrefix("/log/tile/entries/") { return true }
        guard let type = response.headers[.contentType]?.split(separator: ";").first?.lowercased() else { return false }
        return type.hasPrefix("text/") || type == "application/json" || type.hasSuffix("+json") || type == "application/xml"
            || type.hasSuffix("+xml") || type == "application/javascript"
    }
}
