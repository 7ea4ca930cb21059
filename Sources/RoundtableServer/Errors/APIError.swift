public import HTTPTypes
public import Hummingbird

/// An error of the JSON API that does not come from the domain: wrong media type, unknown resource, oversized body.
///
/// Rendered like every API error: `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable snake-case code.
    public let code: String
    /// What went wrong and what to do.
    public let message: String
    /// Headers the response carries besides its content type, such as a 401's `WWW-Authenticate`.
    public let headers: HTTPFields

    /// Creates an error.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - code: A stable snake-case code.
    ///   - message: What went wrong and what to do.
    ///   - headers: Headers the response carries besides its content type.
    public init(_ status: HTTPResponse.Status, code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }
}

extension APIError: AnswerableError {
    var answer: ErrorAnswer { ErrorAnswer(status, code: code, message, headers: headers) }
}
