public import Hummingbird
import NIOCore
import RoundtableAPI

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 document that describes the JSON API, for CERTs and ministries to
/// generate clients in their own languages.
public struct OpenAPIController: Sendable {
    private let document: ByteBuffer

    /// Creates the controller, reading the document from the API's resources.
    /// - Throws: `API.OpenAPIDocumentMissing` when the build lacks it.
    public init() throws { document = ByteBuffer(bytes: try API.openAPIDocument()) }

    /// Adds the route to the `/api/v1` group.
    public func addRoutes(api: RouterGroup<some RequestContext>) {
        api.get("openapi.json", use: serve)
    }

    @Sendable func serve(_ request: Request, context: some RequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: document))
    }
}
