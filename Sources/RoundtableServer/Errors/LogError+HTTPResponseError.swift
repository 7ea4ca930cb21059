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
        answer.response(for: request)
    }
}

extension LogError: AnswerableError {
    var answer: ErrorAnswer {
        var headers: HTTPFields = [:]
        if case .notYetPublished = self { headers[.retryAfter] = "1" }
        return ErrorAnswer(status, code: code, description, headers: headers)
    }
}
