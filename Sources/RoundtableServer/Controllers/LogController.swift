import HTTPTypes
public import Hummingbird
import NIOCore
import RoundtableAPI
public import RoundtableDomain
public import RoundtableNode
import TransparencyLog

/// The log as C2SP tlog-tiles serves it under `/log/`: `checkpoint`, `tile/<L>/<N>[.p/<W>]`,
/// `tile/entries/<N>[.p/<W>]`, plus the log's verifier key at `/log/vkey` and receipts at
/// `/api/v1/acts/{index}/receipt`.
///
/// Its answers carry their own `ETag`, so that the most requested resources are not hashed on every request: a tile or
/// bundle never changes at its path, so its tag names the log (by its key) and the path; the checkpoint's is the tag
/// of its bytes (``EntityTag``).
public struct LogController<Store: ForumStore>: Sendable {
    /// The log served.
    public let log: ForumLog<Store>
    /// The start of every tile's tag, which names the log (``EntityTag/prefix(logKey:)``).
    private let tagPrefix: String

    /// Creates the controller.
    public init(log: ForumLog<Store>) {
        self.log = log
        tagPrefix = EntityTag.prefix(logKey: log.signer.verifier.description)
    }

    /// Adds the routes to the `/log` group, the receipt and witnessed-time routes to the `/api/v1/acts` group, and the
    /// list of cosigned checkpoints to the `/api/v1` group.
    public func addRoutes(
        log group: RouterGroup<some RequestContext>, acts: RouterGroup<some RequestContext>, api: RouterGroup<some RequestContext>
    ) {
        group.get("checkpoint", use: checkpoint)
        group.get("vkey", use: verifierKey)
        group.get("tile/**", use: tile)
        acts.get(":index/receipt", use: receipt)
        acts.get(":index/witnessed", use: witnessed)
        api.get("witnessed", use: witnessedCheckpoints)
    }

    @Sendable func checkpoint(_ request: Request, context: some RequestContext) async throws -> Response {
        guard let note = try await log.checkpoint() else {
            throw APIError(.serviceUnavailable, code: "not_yet_published", "the first checkpoint is not published yet; try again in a second")
        }
        let body = ByteBuffer(bytes: note)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache", .eTag: EntityTag.of(body)],
            body: .init(byteBuffer: body))
    }

    @Sendable func verifierKey(_ request: Request, context: some RequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: log.signer.verifier.description + "\n")))
    }

    @Sendable func tile(_ request: Request, context: some RequestContext) async throws -> Response {
        let path = "tile/" + context.parameters.getCatchAll().joined(separator: "/")
        if let body = log.cachedResource(path: path) {
            // A cached path is canonical, and only a partial tile's canonical path has a dot (`.p/W`).
            return tileResponse(body, path: path, isFull: !path.utf8.contains(UInt8(ascii: ".")))
        }
        guard let (tile, kind) = TileID.parse(path: path) else {
            throw APIError(.notFound, code: "not_found", "'\(path)' is not a tile path; see c2sp.org/tlog-tiles")
        }
        let body = kind == .entries ? try await log.entryBundle(tile) : try await log.hashTile(tile)
        guard let body else { throw APIError(.notFound, code: "not_found", "the log has no \(path) yet") }
        return tileResponse(body, path: path, isFull: tile.isFull)
    }

    /// A full tile or bundle never changes; a partial one is replaced by the full one once the log grows past it
    /// (tlog-tiles), so caches keep it a minute only. Either never changes at its canonical path.
    private func tileResponse(_ body: ByteBuffer, path: String, isFull: Bool) -> Response {
        let caching = isFull ? "public, max-age=31536000, immutable" : "public, max-age=60"
        let headers: HTTPFields = [
            .contentType: "application/octet-stream", .cacheControl: caching, .eTag: EntityTag.immutable(tagPrefix, path: path),
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    @Sendable func receipt(_ request: Request, context: some RequestContext) async throws -> Response {
        let text = try context.parameters.require("index")
        guard let index = UInt64(text), String(index) == text else {
            throw APIError(.badRequest, code: "bad_index", "'\(text)' is not a log index; use a decimal number from 0")
        }
        let receipt = try await log.receipt(index: index)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: receipt.bytes)))
    }

    /// `GET /api/v1/acts/{index}/witnessed`: the earliest cosigned checkpoint that includes the act.
    @Sendable func witnessed(_ request: Request, context: some RequestContext) async throws -> API.WitnessedTime {
        let text = try context.parameters.require("index")
        guard let index = UInt64(text), String(index) == text else {
            throw APIError(.badRequest, code: "bad_index", "'\(text)' is not a log index; use a decimal number from 0")
        }
        guard let checkpoint = try await log.store.firstCosignedCheckpoint(including: index) else {
            guard try await log.store.entryCount() > index else { throw APIError(.notFound, code: "not_found", "the log has no entry \(index) yet") }
            throw APIError(
                .notFound, code: "not_yet_witnessed",
                "no checkpoint including entry \(index) has met the witness quorum yet (none does while no member witness is registered)")
        }
        return API.WitnessedTime(
            index: index, checkpointSize: checkpoint.size, loggedNoLaterThan: Timestamp(seconds: checkpoint.witnessedAt).description,
            cosigners: checkpoint.cosigners)
    }

    /// `GET /api/v1/witnessed?after=SIZE`: the cosigned checkpoints of trees larger than `after`, 1,000 at a time.
    @Sendable func witnessedCheckpoints(_ request: Request, context: some RequestContext) async throws -> API.WitnessedCheckpointList {
        let text = request.uri.queryParameters.get("after") ?? "0"
        guard let after = UInt64(text), String(after) == text else {
            throw APIError(.badRequest, code: "bad_size", "'after=\(text)' is not a tree size; use a decimal number from 0")
        }
        let page = try await log.store.cosignedCheckpoints(after: after, limit: Self.witnessedPage + 1)
        return API.WitnessedCheckpointList(
            checkpoints: page.prefix(Self.witnessedPage).map { checkpoint in
                .init(
                    size: checkpoint.size, witnessedAt: Timestamp(seconds: checkpoint.witnessedAt).description, cosigners: checkpoint.cosigners,
                    note: String(decoding: checkpoint.note, as: UTF8.self))
            },
            more: page.count > Self.witnessedPage)
    }

    /// How many cosigned checkpoints a page of `/api/v1/witnessed` lists.
    static var witnessedPage: Int { 1_000 }
}
