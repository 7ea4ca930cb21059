public import HTTPTypes
public import Hummingbird
public import RoundtableNode

extension ForumNodeError: HTTPResponseError {
    /// The node's own faults: 500 for an act of the node that would not read back, 503 otherwise.
    public var status: HTTPResponse.Status {
        if case .nodeActUnreadable = self { .internalServerError } else { .serviceUnavailable }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        APIError.response(status: status, code: code, message: description)
    }
}
