import HTTPTypes
import Hummingbird

/// The methods each path of the router answers, so that a request with another method is told which ones it may use
/// (`405 Method Not Allowed` with `Allow`) rather than that nothing is there.
///
/// A path is matched the way the router matches it, by a router of the same paths whose every route answers its
/// methods: a static path wins over a parameter, as in the router itself.
struct RouteMethods<Context: RequestContext>: Sendable {
    /// The order methods are listed in.
    private static var order: [HTTPRequest.Method] { [.get, .head, .post, .put, .patch, .delete, .options] }

    private let table: RouterResponder<Context>

    /// Reads the routes of a router once every route is added.
    /// - Parameter routes: The router's routes (`Router.routes`).
    init(_ routes: [Router<Context>.RouteDescription]) {
        let table = Router(context: Context.self)
        for (_, endpoint) in Dictionary(grouping: routes, by: \.path.description) {
            var methods = Set(endpoint.map(\.method))
            if methods.contains(.get) { methods.insert(.head) }
            let allow = Self.order.filter(methods.contains) + methods.filter { !Self.order.contains($0) }.sorted { $0.rawValue < $1.rawValue }
            let value = allow.map(\.rawValue).joined(separator: ", ")
            table.get(endpoint[0].path) { _, _ in Response(status: .ok, headers: [.allow: value]) }
        }
        self.table = table.buildResponder()
    }

    /// The methods the router answers at `path`, in the form of an `Allow` header, or `nil` when no route has this path.
    /// - Parameters:
    ///   - path: The request's path.
    ///   - context: The request's context, which the lookup borrows.
    func allowed(at path: String, context: Context) async -> String? {
        let probe = Request(head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: path), body: .init(buffer: .init()))
        guard let answer = try? await table.respond(to: probe, context: context), answer.status == .ok else { return nil }
        return answer.headers[.allow]
    }
}
