import HTTPTypes
import Hummingbird
import RoundtableDomain
import RoundtableWeb

/// Answers a request that no route serves in the form its reader expects, rather than an empty 404.
///
/// A path that some route answers with other methods is `405 Method Not Allowed` with `Allow` listing them (`HEAD`
/// wherever `GET` is, `OPTIONS` where a CORS preflight is answered). Any other path is `404`: the API's JSON error
/// (`not_found`, `method_not_allowed`) under `/api/`, a TAXII 2.1 error message under `/taxii2`, and for a browser's
/// `GET` of any other address but `/log/` and `/assets/`, a page in its language; a 405 elsewhere is plain text.
/// Added to the router after every route, it wraps only the router's "not found" answer.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    let sessions: WebSessions
    let forum: @Sendable () -> ForumState
    let methods: RouteMethods<Context>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            if var allow = await methods.allowed(at: path, context: context) {
                if PublicReadCORSMiddleware<Context>.isPublicRead(path) { allow += ", OPTIONS" }
                return Self.methodNotAllowed(request, allow: allow)
            }
            let what = "nothing answers \(request.method) \(path)"
            if path.hasPrefix("/api/") {
                throw APIError(.notFound, code: "not_found", "\(what); /api/v1/openapi.json lists the operations of the API")
            }
            if path.hasPrefix("/taxii2") { throw TAXIIError.notFound("\(what); the API root is /taxii2/forum/ (TAXII 2.1)") }
            guard request.method == .get, !path.hasPrefix("/log/"), !path.hasPrefix("/assets/") else { throw error }
            let page = WebRequest(request, renderer: renderer, sessions: sessions)
            return page.notFound(page.t("error_no_page", ["path": path]), section: "", forum: forum())
        }
    }

    /// 405 with `Allow`, in the format of the path: the API's JSON error, a TAXII error message, or plain text.
    static func methodNotAllowed(_ request: Request, allow: String) -> Response {
        let message = "\(request.uri.path) does not answer \(request.method); it answers \(allow)"
        let answer = ErrorAnswer(.methodNotAllowed, code: "method_not_allowed", message, headers: [.allow: allow])
        if ErrorAnswer.Format(path: request.uri.path) != nil { return answer.response(for: request) }
        return Response(
            status: .methodNotAllowed, headers: [.allow: allow, .contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "405 Method Not Allowed: " + message + "\n")))
    }
}
