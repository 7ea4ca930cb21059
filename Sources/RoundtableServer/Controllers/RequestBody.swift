import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading request bodies within limits, and the media types they declare.
enum RequestBody {
    /// Collects a request's body: refuses a declared length over `declaredLimit` before reading anything, and a body
    /// that turns out longer than `readLimit`, with the error `tooLarge` makes of the declared length (`nil` when the
    /// body was cut off while read).
    static func collect(
        _ request: Request, declaredLimit: Int, readLimit: Int, tooLarge: (Int?) -> any Error
    ) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > declaredLimit { throw tooLarge(declared) }
        do { return try await request.body.collect(upTo: readLimit) } catch is NIOTooManyBytesError { throw tooLarge(nil) }
    }

    /// Whether a `charset` parameter is absent or names UTF-8, quoted or not.
    static func isUTF8(_ charset: String?) -> Bool {
        charset == nil || charset == "charset=utf-8" || charset == "charset=\"utf-8\""
    }

    /// A `Content-Type` value's media type and `charset` parameter, lowercased (`text/plain`, `charset=utf-8`).
    static func mediaType(_ value: String?) -> (type: String?, charset: String?) {
        let parts = (value ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return (parts.first, parts.dropFirst().first { $0.hasPrefix("charset=") })
    }
}
