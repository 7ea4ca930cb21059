import Hummingbird

/// The router behind the middleware that must see every answer as it leaves the node, the router's own included (its
/// `HEAD` answers, 404s and errors): conditional requests (304), then gzip compression.
struct HTTPSurfaceResponder<Context: RequestContext>: HTTPResponder {
    /// The router's responder.
    let router: RouterResponder<Context>
    private let conditional = ConditionalRequestMiddleware<Context>()
    private let compression = ResponseCompressionMiddleware<Context>()

    init(router: RouterResponder<Context>) { self.router = router }

    func respond(to request: Request, context: Context) async throws -> Response {
        try await conditional.handle(request, context: context) { request, context in
            try await compression.handle(request, context: context) { request, context in
                try await router.respond(to: request, context: context)
            }
        }
    }
}
