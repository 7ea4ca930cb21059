public import HTTPTypes
public import Hummingbird
public import RoundtableDomain

/// 503 Service Unavailable with `Retry-After`: the store's disk is full, read-only or failing, nothing was written,
/// and the same request may succeed once the operator has fixed the disk. Code `store_unavailable`.
extension StoreUnavailable: HTTPResponseError {
    public var status: HTTPResponse.Status { .serviceUnavailable }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }
}

extension StoreUnavailable: AnswerableError {
    var answer: ErrorAnswer {
        ErrorAnswer(status, code: "store_unavailable", title: "Store unavailable", description, headers: [.retryAfter: retryAfter])
    }

    /// Seconds to wait before sending the request again: an operator has to act, so not at once.
    var retryAfter: String { "30" }
}
