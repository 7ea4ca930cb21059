import HTTPTypes
import Hummingbird
import Logging
import RoundtableNode

/// Gives every error under `/api/` and `/taxii2` the body of its interface: the node's own errors render themselves
/// (``AnswerableError``); this renders the others, Hummingbird's `HTTPError` (a path parameter missing, say) and any
/// unexpected error, which would otherwise be a bare 500 with no content type, as the API's JSON error under `/api/`
/// and a TAXII error message under `/taxii2`. An unexpected error is logged and answered as `500 internal_error`.
/// Elsewhere errors pass through unchanged.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let format = ErrorAnswer.Format(path: request.uri.path) else { throw error }
            if let error = error as? any AnswerableError { return error.answer.response(for: request) }
            return Self.answer(error, context: context).response(in: format)
        }
    }

    static func answer(_ error: any Error, context: Context) -> ErrorAnswer {
        switch error {
        case let error as HTTPError:
            let message = error.body ?? "the request was refused (\(error.status.code) \(error.status.reasonPhrase))"
            return ErrorAnswer(error.status, message, headers: error.headers)
        case let error as any HTTPResponseError:
            return ErrorAnswer(error.status, "the request was refused (\(error.status.code) \(error.status.reasonPhrase))")
        default:
            context.logger.error("Unexpected error answering a request", metadata: [LogKeys.error: "\(error)"])
            return ErrorAnswer(
                .internalServerError, code: "internal_error",
                "the node failed to answer this request (\(type(of: error))); this is a fault of the node, not of the request: "
                    + "its operator finds the details in the node's log")
        }
    }
}
