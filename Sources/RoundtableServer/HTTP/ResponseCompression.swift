import HTTPTypes
import Hummingbird

/// gzip-compresses text answers for a client whose `Accept-Encoding` allows it: pages, JSON, TAXII and STIX, the
/// checkpoint and the log's entry bundles. The body streams through ``GzipBodyWriter``, so the answer loses its
/// `Content-Length`; its `ETag`, if any, gets a `-gzip` suffix so that the two encodings never share a validator.
///
/// Left as they are: bodies under ``minimumLength`` bytes, media that are already compressed or incompressible (hash
/// tiles, images), answers with `Cache-Control: no-transform` or a `Content-Encoding`, and `HEAD` answers' bodies (a
/// `HEAD` gets the headers the `GET` would). Every answer that could be compressed carries `Vary: Accept-Encoding`.
///
/// ``HTTPSurfaceResponder`` applies it to every answer as it leaves the router, `HEAD` answers included.
enum ResponseCompression {
    /// Bodies shorter than this are not worth a gzip header and a stream.
    static var minimumLength: Int { 1024 }

    /// Compresses the answer if it is text and the request accepts gzip; marks it `Vary: Accept-Encoding` if it is text.
    /// - Parameters:
    ///   - response: The answer.
    ///   - request: The request.
    static func apply(to response: inout Response, for request: Request) {
        guard isCompressible(response, path: request.uri.path) else { return }
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        guard AcceptEncoding(request.headers[.acceptEncoding]).allowsGzip else { return }
        response.headers[.contentEncoding] = "gzip"
        if let tag = response.headers[.eTag], tag.hasSuffix("\"") { response.headers[.eTag] = tag.dropLast() + "-gzip\"" }
        if request.method == .head {
            response.headers[.contentLength] = nil
        } else {
            response.body = GzipBodyWriter.compressing(response.body)
        }
    }

    /// Whether the answer is text worth compressing. One pass over its headers, with byte comparisons only: most
    /// answers that are not text (tiles) are on the hot path.
    static func isCompressible(_ response: Response, path: String) -> Bool {
        guard response.status != .noContent, response.status != .notModified else { return false }
        // A HEAD answer has no body, but keeps the length of the GET's.
        var length = response.body.contentLength
        var isText = path.hasASCIIPrefix("/log/tile/entries/")
        var mayTransform = true
        for field in response.headers {
            switch field.name {
            case .contentEncoding: return false
            case .contentLength where length == 0: length = Int(field.value)
            case .contentType: isText = isText || Self.isText(field.value)
            case .cacheControl: mayTransform = !field.value.containsASCII("no-transform")
            default: continue
            }
        }
        return isText && mayTransform && (length ?? minimumLength) >= minimumLength
    }

    /// Whether a media type, as the node writes them (in lower case), is text: `text/*`, JSON and XML and their `+json`
    /// and `+xml` kinds, JavaScript.
    static func isText(_ contentType: String) -> Bool {
        let utf8 = contentType.utf8
        let type = utf8[..<(utf8.firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex)]
        func ends(_ suffix: String) -> Bool { type.count >= suffix.utf8.count && type.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        return type.starts(with: "text/".utf8) || ends("/json") || ends("+json") || ends("/xml") || ends("+xml") || ends("/javascript")
    }
}
