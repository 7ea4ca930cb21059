import HTTPTypes
import Hummingbird

/// Answers a request that no route serves under `/api/` or `/taxii2` with the error body those programs read, rather
/// than an empty 404: the API's JSON error (`not_found`) or a TAXII 2.1 error message. Added to the router after
/// every route, it wraps only the router's "not found" answer.
struct UnknownRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let what = "nothing answers \(request.method) \(path)"
            if path.hasPrefix("/api/") {
                throw APIError(.notFound, code: "not_found", "\(what); /api/v1/openapi.json lists the operations of the API")
            }
            if path.hasPrefix("/taxii2") {
                throw TAXIIError.notFound("\(what); the API root is /taxii2/forum/ (TAXII 2.1)")
            }
            throw error
        }
    }
}
