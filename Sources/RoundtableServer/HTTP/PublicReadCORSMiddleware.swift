import HTTPTypes
import Hummingbird

/// The public read resources, by path prefix: a path equal to one, or below one, is public. Built once: every request
/// is matched against it.
private let publicReadPrefixes = [
    "/log", "/api/v1/acts", "/api/v1/forum", "/api/v1/members", "/api/v1/proposals", "/api/v1/rules", "/api/v1/documents",
    "/api/v1/openapi.json", "/api/v1/communication",
]

/// Lets a web page on any origin read what anyone may read: the transparency log under `/log/`, the acts and their
/// receipts, the forum, its members, proposals, rules and documents, the communication figures, and the OpenAPI document. Their `GET` and `HEAD`
/// answers, errors included, carry `Access-Control-Allow-Origin: *`, and a preflight `OPTIONS` is answered, so a
/// verifier running in a browser can check the log. Nothing that needs credentials gets CORS: writes, the operator's
/// routes, the exchange receipt and TAXII answer a cross-origin browser with nothing it may read.
struct PublicReadCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether anyone may read the resource at `path` (by `GET` or `HEAD`).
    static func isPublicRead(_ path: String) -> Bool {
        publicReadPrefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isPublicRead(request.uri.path) else { return try await next(request, context) }
        if request.method == .options {
            var headers: HTTPFields = [
                .accessControlAllowOrigin: "*", .accessControlAllowMethods: "GET, HEAD", .accessControlMaxAge: "86400", .allow: "GET, HEAD, OPTIONS",
            ]
            if let asked = request.headers[.accessControlRequestHeaders] { headers[.accessControlAllowHeaders] = asked }
            return Response(status: .noContent, headers: headers)
        }
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.accessControlAllowOrigin] = "*"
        response.headers[.accessControlExposeHeaders] = "Location, Retry-After, Content-Length, ETag"
        return response
    }
}
