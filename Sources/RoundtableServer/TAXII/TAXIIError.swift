import Foundation
public import HTTPTypes
public import Hummingbird

/// A TAXII 2.1 error message (§3.6.1): `title`, `description` and `http_status`, served as
/// `application/taxii+json;version=2.1` with the matching status.
public struct TAXIIError: Error, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A short title.
    public let title: String
    /// What went wrong and what to do.
    public let detail: String
    /// Headers the response carries besides its content type (a 401's `WWW-Authenticate`).
    public let headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ title: String, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers
    }

    public var description: String { "\(status.code) \(title): \(detail)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }

    static func notFound(_ what: String) -> TAXIIError { TAXIIError(.notFound, "Not found", what) }
    static func badRequest(_ what: String) -> TAXIIError { TAXIIError(.badRequest, "Bad request", what) }
}

extension TAXIIError: AnswerableError {
    var answer: ErrorAnswer { ErrorAnswer(status, title: title, detail, headers: headers, format: .taxii) }
}

/// The media types of TAXII 2.1 and STIX 2.1, and the negotiation rules of §1.6.8.
enum TAXIIMedia {
    static let taxii = "application/taxii+json;version=2.1"
    static let stix = "application/stix+json;version=2.1"

    /// Checks an `Accept` header: a TAXII 2.1 type (the bare `application/taxii+json` means the latest version),
    /// STIX 2.1 where objects are served, or any type.
    static func checkAccept(_ value: String?, stixToo: Bool = false) throws {
        guard let value, !value.isEmpty else { return }
        let accepted = value.split(separator: ",").map { normalized($0.split(separator: ";").first ?? "") + parameters($0) }
        let ok = accepted.contains { type in
            type == "application/taxii+json" || type == "application/taxii+json;version=2.1" || type == "*/*" || type == "application/*"
                || (stixToo && (type == "application/stix+json" || type == "application/stix+json;version=2.1"))
        }
        guard ok else {
            throw TAXIIError(.notAcceptable, "Not acceptable", "this endpoint answers \(taxii); the request accepts only '\(value)'")
        }
    }

    /// Checks a POST's `Content-Type`: the TAXII 2.1 type, or the bare one.
    static func checkContentType(_ value: String?) throws {
        let type = value.map { normalized($0.split(separator: ";").first ?? "") + parameters(Substring($0)) }
        guard type == "application/taxii+json;version=2.1" || type == "application/taxii+json" else {
            throw TAXIIError(
                .unsupportedMediaType, "Unsupported media type", "send the envelope as \(taxii), not '\(value ?? "no content type")'")
        }
    }

    private static func normalized(_ text: Substring) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    /// `;version=2.1` when the type names that version (other parameters, such as `q`, are ignored).
    private static func parameters(_ text: Substring) -> String {
        let parts = text.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return parts.contains("version=2.1") ? ";version=2.1" : parts.contains(where: { $0.hasPrefix("version=") }) ? ";version=other" : ""
    }
}
