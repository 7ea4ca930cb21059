public import HTTPTypes
public import Hummingbird
public import RoundtableNode

extension LogError: HTTPResponseError {
    /// 503 with `Retry-After` for an entry not yet in a checkpoint, 404 for an entry the log does not have.
    public var status: HTTPResponse.Status {
        switch self {
        case .notYetPublished: .serviceUnavailable
        case .noSuchEntry: .notFound
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = APIError.response(status: status, code: code, message: description)
        if case .notYetPublished = self { response.headers[.retryAfter] = "1" }
        return response
    }
}
