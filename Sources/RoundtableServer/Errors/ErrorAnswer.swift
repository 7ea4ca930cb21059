import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RoundtableAPI
import RoundtableExchange
import RoundtableJSON

/// What an error answers, whichever interface renders it: its status, the JSON API's code, the TAXII title, a
/// message saying what went wrong and what to do, and headers such as `Retry-After`, `Allow` or `WWW-Authenticate`.
///
/// Under `/taxii2` it is a TAXII 2.1 error message; elsewhere the body of the interface the error comes from: the API's
/// JSON error for the node's errors, a TAXII error message for those of the exchange (the exchange receipt under
/// `/api/v1/exchange/` answers TAXII errors, as its OpenAPI description says).
struct ErrorAnswer: Sendable {
    /// The interfaces whose errors have a body of their own.
    enum Format: Sendable {
        /// `{"error": {"code": "…", "message": "…"}}`, `application/json`.
        case api
        /// A TAXII 2.1 error message (§3.6.1), `application/taxii+json;version=2.1`.
        case taxii

        /// The format of the errors with no format of their own (Hummingbird's, unexpected ones) under `path`, or `nil`
        /// where they pass through as they are.
        init?(path: String) {
            if path.hasPrefix("/api/") {
                self = .api
            } else if path == "/taxii2" || path.hasPrefix("/taxii2/") {
                self = .taxii
            } else {
                return nil
            }
        }
    }

    var status: HTTPResponse.Status
    /// A stable snake-case code (the API's `code`).
    var code: String
    /// A short title (the TAXII error's `title`).
    var title: String
    /// What went wrong and what to do.
    var message: String
    /// Headers the answer carries besides its content type.
    var headers: HTTPFields = [:]
    /// The format the error comes with, used outside `/taxii2`.
    var format: Format = .api

    init(
        _ status: HTTPResponse.Status, code: String? = nil, title: String? = nil, _ message: String, headers: HTTPFields = [:],
        format: Format = .api
    ) {
        self.status = status
        self.code = code ?? Self.code(of: status)
        self.title = title ?? status.reasonPhrase
        self.message = message
        self.headers = headers
        self.format = format
    }

    /// The answer in its own format, or a TAXII error message under `/taxii2`.
    func response(for request: Request) -> Response {
        response(in: Format(path: request.uri.path) == .taxii ? .taxii : format)
    }

    /// The answer in a given format.
    func response(in format: Format) -> Response {
        let (contentType, body): (String, [UInt8])
        switch format {
        case .api:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            contentType = "application/json; charset=utf-8"
            body = (try? encoder.encode(API.ErrorBody(code: code, message: message))).map { Array($0) } ?? Array("{}".utf8)
        case .taxii:
            contentType = TAXIIMedia.taxii
            body = JSONValue.object([
                ("title", .string(title)), ("description", .string(message)), ("http_status", .string(String(status.code))),
            ]).serialized
        }
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The snake-case form of a status's reason phrase: `not_found`, `method_not_allowed`.
    static func code(of status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }
}
