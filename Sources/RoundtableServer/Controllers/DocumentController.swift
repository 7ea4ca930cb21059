import Crypto
import Foundation
import HTTPTypes
import Logging
public import Hummingbird
import RoundtableAPI
public import RoundtableNode
import NIOCore
public import RoundtableDomain
import TransparencyLog

/// `POST /api/v1/documents` and `GET /api/v1/documents/{sha256}`: the full texts that proposals name by hash.
///
/// Posting needs a member's API token (`Authorization: Bearer TOKEN`, registered by a `credential` act), or a
/// delegate's session in the browser with its CSRF token (``SessionGuard``); reading is public. Documents are UTF-8
/// text (`text/plain` or `text/markdown`), kept forever under their SHA-256.
public struct DocumentController<Store: ForumStore>: Sendable {
    /// The forum whose documents these are.
    public let forum: ForumNode<Store>
    /// The largest document accepted.
    public let maximumSize: Int
    /// The browser sessions, whose delegates may post a proposal's text from the pages.
    let sessions: WebSessions?

    /// Creates the controller.
    /// - Parameters:
    ///   - forum: The forum whose documents these are.
    ///   - maximumSize: The largest document accepted, the node's body limit.
    public init(forum: ForumNode<Store>, maximumSize: Int) {
        self.init(forum: forum, maximumSize: maximumSize, sessions: nil)
    }

    init(forum: ForumNode<Store>, maximumSize: Int, sessions: WebSessions?) {
        self.forum = forum
        self.maximumSize = maximumSize
        self.sessions = sessions
    }

    /// Adds the routes to a group mounted at `/api/v1/documents`.
    public func addRoutes(to group: RouterGroup<some RequestContext>) {
        group.post(use: create)
        group.get(":sha256", use: show)
    }

    @Sendable func create(_ request: Request, context: some RequestContext) async throws -> Response {
        let state = forum.state
        let fromSession = try MemberAuthentication.bearerToken(request) == nil
            ? sessions.flatMap { try SessionGuard.member(of: request, sessions: $0, in: state) } : nil
        let member = try fromSession ?? MemberAuthentication.member(for: request, in: state)
        let mediaType = try Self.mediaType(request.headers[.contentType])
        let body = try await RequestBody.collect(request, declaredLimit: maximumSize, readLimit: maximumSize) { _ in
            APIError(.contentTooLarge, code: "body_too_large", "a document is at most \(maximumSize) bytes")
        }
        let bytes = Array(buffer: body)
        guard !bytes.isEmpty else { throw APIError(.badRequest, code: "empty_document", "the document is empty") }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError(.badRequest, code: "not_utf8", "a document is UTF-8 text")
        }
        let digest = Array(SHA256.hash(data: bytes))
        try await forum.storeDocument(StoredDocument(sha256: digest, mediaType: mediaType, bytes: bytes))
        let hex = Hex.encode(digest)
        context.logger.info("Stored document", metadata: ["rt.document.sha256": "\(hex)", LogKeys.actor: "\(member.id)"])
        let created = API.DocumentCreated(sha256: hex, url: "/api/v1/documents/\(hex)")
        var response = try created.response(from: request, context: context)
        response.status = .created
        response.headers[.location] = created.url
        return response
    }

    @Sendable func show(_ request: Request, context: some RequestContext) async throws -> Response {
        let text = try context.parameters.require("sha256")
        guard text.utf8.count == 64, text == text.lowercased(), let digest = Hex.decode(text) else {
            throw APIError(.badRequest, code: "bad_hash", "'\(text)' is not a SHA-256; use 64 lowercase hex digits")
        }
        guard let document = try await forum.store.document(digest) else {
            throw APIError(.notFound, code: "not_found", "no document has the SHA-256 \(text)")
        }
        return Response(
            status: .ok,
            headers: [.contentType: document.mediaType, .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }

    private static func mediaType(_ value: String?) throws -> String {
        let (type, charset) = RequestBody.mediaType(value)
        guard let type, type == "text/plain" || type == "text/markdown",
            RequestBody.isUTF8(charset)
        else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                "send a document as 'text/plain; charset=utf-8' or 'text/markdown; charset=utf-8', not '\(value ?? "no content type")'")
        }
        return "\(type); charset=utf-8"
    }
}
