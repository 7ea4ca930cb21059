import Foundation
import HTTPTypes
public import Hummingbird
import Metrics
import NIOCore
public import RoundtableDelivery
public import RoundtableDomain
public import RoundtableNode
import TransparencyLog

/// `GET /metrics`: the node's metrics in the Prometheus text format, for the operator only (its token, as for the
/// admin API): counts and timings recorded as they happen (``NodeMetrics``, the HTTP requests), and gauges read when
/// scraped — the checkpoint's age, the log's size, the entries no checkpoint covers yet, the store's size, the open
/// connections, the notices awaiting delivery, whether this front-end leads.
public struct MetricsController<Store: ForumStore>: Sendable {
    /// Writes every metric recorded, in the Prometheus text format.
    public typealias Exposition = @Sendable () -> [UInt8]

    let forum: ForumNode<Store>
    let token: OperatorToken
    let exposition: Exposition
    let openConnections: @Sendable () -> Int
    let deliveries: DeliveryQueue?

    /// Creates the controller.
    /// - Parameters:
    ///   - forum: The forum.
    ///   - tokenDigest: The SHA-256 of the operator's token.
    ///   - exposition: Writes the metrics.
    ///   - openConnections: The connections open now.
    ///   - deliveries: The queue of notices, if the node sends any.
    public init(
        forum: ForumNode<Store>, tokenDigest: [UInt8], exposition: @escaping Exposition, openConnections: @escaping @Sendable () -> Int,
        deliveries: DeliveryQueue?
    ) {
        self.forum = forum
        self.token = OperatorToken(digest: tokenDigest)
        self.exposition = exposition
        self.openConnections = openConnections
        self.deliveries = deliveries
    }

    /// Adds `GET /metrics` to the router.
    public func addRoutes(to router: some RouterMethods<some RequestContext>) {
        router.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: some RequestContext) async throws -> Response {
        try token.authenticate(request)
        try await readGauges()
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: exposition())))
    }

    /// Sets the gauges that are read rather than counted.
    private func readGauges() async throws {
        let store = forum.store
        let entries = try await store.entryCount()
        Gauge(label: "roundtable_log_entries").record(entries)
        if let note = try await forum.log.signedCheckpoint() {
            let size = try Checkpoint(parsing: try SignedNote(parsing: note).text).size
            Gauge(label: "roundtable_log_entries_without_checkpoint").record(entries >= size ? entries - size : 0)
        }
        if let signed = try await store.latestCheckpointTime() {
            let age = Date().timeIntervalSince1970 - Double(signed.seconds)
            Gauge(label: "roundtable_checkpoint_age_seconds").record(max(0, age))
        }
        if let bytes = try await store.sizeInBytes() { Gauge(label: "roundtable_store_bytes").record(bytes) }
        Gauge(label: "roundtable_open_connections").record(openConnections())
        if let deliveries { Gauge(label: "roundtable_delivery_pending_notices").record(deliveries.pendingDeliveries) }
        Gauge(label: "roundtable_leading").record(forum.isFollowing ? 0 : 1)
    }
}
