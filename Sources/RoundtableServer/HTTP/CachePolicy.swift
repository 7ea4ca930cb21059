import HTTPTypes
import Hummingbird

/// The `Cache-Control` of a successful `GET`: what its handler set (the log's tiles and bundles, acts and documents
/// are immutable; partial tiles short-lived; the checkpoint `no-cache`), else `no-cache`, so that a cache asks again
/// every time and gets a 304 while the `ETag` holds.
///
/// What is read with credentials (TAXII, the exchange receipt, any request with `Authorization`) is `private`, never
/// `public`; the operator's routes and `/healthz` are `no-store`.
enum CachePolicy {
    /// The policy of an answer.
    /// - Parameters:
    ///   - request: The request.
    ///   - given: The `Cache-Control` the handler set, if any.
    static func cacheControl(for request: Request, given: String?) -> String {
        let path = request.uri.path
        if path == "/healthz" || path.hasASCIIPrefix("/api/v1/admin/") { return "no-store" }
        let needsCredentials =
            request.headers[.authorization] != nil || path.hasASCIIPrefix("/taxii2") || path.hasASCIIPrefix("/api/v1/exchange/")
        guard needsCredentials else { return given ?? "no-cache" }
        guard let given, !given.containsASCII("public") else { return "private, no-cache" }
        return given
    }
}
