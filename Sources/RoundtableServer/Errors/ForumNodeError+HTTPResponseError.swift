public import HTTPTypes
public import Hummingbird
public import RoundtableNode
import RoundtableDomain

extension ForumNodeError: HTTPResponseError {
    /// The node's own faults: 500 for an act of the node that would not read back, 503 otherwise.
    public var status: HTTPResponse.Status {
        if case .nodeActUnreadable = self { .internalServerError } else { .serviceUnavailable }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        answer.response(for: request)
    }
}

extension ForumNodeError: AnswerableError {
    /// With `Retry-After` where sending the same request again later may succeed: the node is starting, or its store
    /// failed to write for a passing reason.
    var answer: ErrorAnswer {
        ErrorAnswer(status, code: code, description, headers: retryAfter.map { [.retryAfter: $0] } ?? [:])
    }

    private var retryAfter: String? {
        switch self {
        case .notStarted: "1"
        case .storageFailed(let error as StoreUnavailable): error.retryAfter
        case .storageFailed: "5"
        default: nil
        }
    }
}
