import HTTPTypes
public import Hummingbird
import Metrics
import Synchronization

/// Counts and times every request by route, method and status: `roundtable_http_requests_total` and
/// `roundtable_http_request_duration_seconds` (to the response head). The TAXII requests are the routes under
/// `/taxii2`.
///
/// Lighter than Hummingbird's `MetricsMiddleware`, which also wraps every response body and keeps a gauge of the
/// requests in flight: the metric handles of each route, method and status are made once and kept, so a request costs
/// one look-up, a counter and a histogram.
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let handles = RequestMetricHandles()

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            handles.record(route: context.endpointPath, method: request.method, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            handles.record(route: context.endpointPath, method: request.method, status: status, since: started)
            throw error
        }
    }
}

/// The metric handles of each route, method and status, made once.
private final class RequestMetricHandles: Sendable {
    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    private let handles = Mutex<[Key: (requests: Counter, duration: Metrics.Timer)]>([:])
    /// The methods counted by name; any other is `other`, so that a client cannot make series without end.
    private static let methods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .delete, .options, .patch]

    func record(route: String?, method: HTTPRequest.Method, status: Int, since started: ContinuousClock.Instant) {
        let key = Key(route: route ?? "unknown", method: Self.methods.contains(method) ? method.rawValue : "other", status: status)
        let found = handles.withLock { handles in
            if let found = handles[key] { return found }
            let dimensions = [("route", key.route), ("method", key.method), ("status", String(key.status))]
            let made = (
                Counter(label: "roundtable_http_requests_total", dimensions: dimensions),
                Metrics.Timer(label: "roundtable_http_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
            )
            handles[key] = made
            return made
        }
        found.requests.increment()
        found.duration.record(duration: ContinuousClock.now - started)
    }
}
