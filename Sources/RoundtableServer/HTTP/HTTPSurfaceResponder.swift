import Hummingbird

/// The router, and what every answer goes through as it leaves the node, the router's own included (its `HEAD`
/// answers, 404s and errors): gzip compression (``ResponseCompression``), then conditional requests
/// (``ConditionalRequest``, 304). Both are plain functions of the answer rather than middleware: they wait for nothing,
/// and each layer of middleware costs every request of the log's hot paths.
struct HTTPSurfaceResponder<Context: RequestContext>: HTTPResponder {
    /// The router's responder.
    let router: RouterResponder<Context>

    func respond(to request: Request, context: Context) async throws -> Response {
        var response = try await router.respond(to: request, context: context)
        ResponseCompression.apply(to: &response, for: request)
        return ConditionalRequest.answer(response, to: request)
    }
}
