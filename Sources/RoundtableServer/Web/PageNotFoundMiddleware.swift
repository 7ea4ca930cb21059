import HTTPTypes
import Hummingbird
import RoundtableWeb

/// Answers a browser that asks for an address no route serves with a page in its language, rather than a bare 404.
/// Added to the router after every route, it wraps only the router's "not found" answer. Addresses under `/api/`,
/// `/log/`, `/taxii2` and `/assets/` keep their plain errors: programs read those.
struct PageNotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let renderer: PageRenderer
    let forumName: @Sendable () -> String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.method == .get && Self.isPage(request.uri.path) {
            let page = WebRequest(request, renderer: renderer)
            return page.notFound(page.t("error_no_page", ["path": request.uri.path]), section: "", forumName: forumName())
        }
    }

    static func isPage(_ path: String) -> Bool {
        !["/api/", "/log/", "/taxii2", "/assets/"].contains { path.hasPrefix($0) }
    }
}
