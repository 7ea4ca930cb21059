import HTTPTypes
import Hummingbird
import RoundtableWeb

/// Answers a request that no route serves in the form its reader expects, rather than an empty 404: the API's JSON
/// error (`not_found`) under `/api/`, a TAXII 2.1 error message under `/taxii2`, and for a browser's `GET` of any
/// other address but `/log/` and `/assets/`, a page in its language. Added to the router after every route, it
/// wraps only the router's "not found" answer.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    let forumName: @Sendable () -> String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let what = "nothing answers \(request.method) \(path)"
            if path.hasPrefix("/api/") {
                throw APIError(.notFound, code: "not_found", "\(what); /api/v1/openapi.json lists the operations of the API")
            }
            if path.hasPrefix("/taxii2") { throw TAXIIError.notFound("\(what); the API root is /taxii2/forum/ (TAXII 2.1)") }
            guard request.method == .get, !path.hasPrefix("/log/"), !path.hasPrefix("/assets/") else { throw error }
            let page = WebRequest(request, renderer: renderer)
            return page.notFound(page.t("error_no_page", ["path": path]), section: "", forumName: forumName())
        }
    }
}
