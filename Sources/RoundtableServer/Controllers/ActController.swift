import Foundation
import HTTPTypes
public import Hummingbird
import Logging
import NIOCore
public import RoundtableDomain
public import RoundtableNode

/// `POST /api/v1/acts` and `GET /api/v1/acts/{index}`: submitting signed acts and reading log entries.
public struct ActController<Store: ForumStore>: Sendable {
    /// The forum acts are submitted to.
    public let forum: ForumNode<Store>
    /// The largest body read at all; bodies over the act size limit but under this get the act error.
    public let maximumBodySize: Int

    /// Creates the controller.
    /// - Parameters:
    ///   - forum: The forum acts are submitted to.
    ///   - maximumBodySize: The largest body read at all.
    public init(forum: ForumNode<Store>, maximumBodySize: Int) {
        self.forum = forum
        self.maximumBodySize = maximumBodySize
    }

    /// Adds the routes to a group mounted at `/api/v1/acts`.
    public func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.post(use: submit)
        group.get(":index", use: entry)
    }

    @Sendable func submit(_ request: Request, context: some RequestContext) async throws -> Response {
        let receipt: ActReceipt
        if Self.isJSON(request.headers[.contentType]) {
            let submission = try SealedSubmissionBody.decode(try await collectBody(request, readLimit: SealedSubmissionBody.readLimit))
            receipt = try await forum.submit(submission.act, sealed: submission.sealed)
        } else {
            try Self.checkMediaType(request.headers[.contentType])
            receipt = try await forum.submit(Array(buffer: try await collectBody(request, readLimit: ForumState.maximumActSize)))
        }
        context.logger.info(
            "Accepted act",
            metadata: [LogKeys.index: "\(receipt.index)", LogKeys.actType: "\(receipt.act)", LogKeys.actor: "\(receipt.by)"]
        )
        return Response(
            status: .created,
            headers: [.location: "/api/v1/acts/\(receipt.index)", .contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: receipt.json)))
    }

    @Sendable func entry(_ request: Request, context: some RequestContext) async throws -> Response {
        let text = try context.parameters.require("index")
        guard let index = UInt64(text), String(index) == text else {
            throw APIError(.badRequest, code: "bad_index", "'\(text)' is not a log index; use a decimal number from 0")
        }
        guard let bytes = try await forum.store.entry(at: index) else {
            throw APIError(.notFound, code: "not_found", "the log has no entry \(index) yet")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    private func collectBody(_ request: Request, readLimit: Int) async throws -> ByteBuffer {
        try await RequestBody.collect(request, declaredLimit: maximumBodySize, readLimit: readLimit) { declared in
            guard let declared else { return ActError(.tooLarge, "an act is at most \(ForumState.maximumActSize) bytes") }
            return APIError(
                .contentTooLarge, code: "body_too_large", "the body of \(declared) bytes exceeds the node's limit of \(maximumBodySize) bytes")
        }
    }

    /// Whether the body is the JSON form `{"act": NOTE, "sealed": BASE64}`.
    static func isJSON(_ value: String?) -> Bool {
        // The forms clients send, compared as they are; any other spelling is parsed.
        if value == "application/json" || value == "application/json; charset=utf-8" { return true }
        if value == "text/plain; charset=utf-8" { return false }
        let (type, charset) = RequestBody.mediaType(value)
        return type == "application/json" && RequestBody.isUTF8(charset)
    }

    static func checkMediaType(_ value: String?) throws {
        if value == "text/plain; charset=utf-8" { return }
        let (type, charset) = RequestBody.mediaType(value)
        guard type == "text/plain", RequestBody.isUTF8(charset) else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                "send the signed note as 'text/plain; charset=utf-8', or with its sealed document as 'application/json', "
                    + "not '\(value ?? "no content type")'"
            )
        }
    }
}

