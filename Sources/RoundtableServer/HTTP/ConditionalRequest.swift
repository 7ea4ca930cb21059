import Foundation
import HTTPTypes
import Hummingbird

/// Answers a conditional `GET` or `HEAD` whose `If-None-Match` names the answer's current `ETag` with
/// `304 Not Modified`: no body, but the `ETag`, `Cache-Control`, `Vary` and the other headers the 200 would carry,
/// less those that describe the body. Comparison is weak (RFC 9110 §13.1.2): `W/"x"` matches `"x"`.
///
/// It sees the final answer (compressed, with its `-gzip` tag), so ``HTTPSurfaceResponder`` applies it after the
/// compression; a body that is not sent is never compressed.
enum ConditionalRequest {
    /// The headers that describe the body, which a 304 leaves out.
    private static var bodyFields: [HTTPField.Name] { [.contentType, .contentLength, .contentEncoding, .contentLanguage, .transferEncoding] }

    /// The answer to send: a 304 in place of `response` when the request's condition names its tag, else `response`.
    /// - Parameters:
    ///   - response: The answer as it would be sent.
    ///   - request: The request.
    static func answer(_ response: Response, to request: Request) -> Response {
        guard let condition = request.headers[.ifNoneMatch], request.method == .get || request.method == .head, response.status == .ok,
            let tag = response.headers[.eTag], matches(condition, tag: tag)
        else { return response }
        var headers = response.headers
        for name in bodyFields { headers[name] = nil }
        var notModified = Response(status: .notModified, headers: headers)
        // Response adds a length for its empty body; a 304 has no body and says nothing of the 200's length.
        notModified.headers[.contentLength] = nil
        return notModified
    }

    /// Whether an `If-None-Match` value names the tag (or is `*`).
    static func matches(_ condition: String, tag: String) -> Bool {
        let wanted = opaque(tag)
        return condition.split(separator: ",").contains { item in
            let text = item.trimmingCharacters(in: .whitespaces)
            return text == "*" || opaque(text) == wanted
        }
    }

    /// The tag without its weakness indicator.
    private static func opaque(_ tag: String) -> Substring { tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag) }
}
