public import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
public import NIOCore
import NIOSSL
public import RoundtableDelivery
public import Logging
import ServiceLifecycle
public import RoundtableDomain
public import RoundtableNode

/// Builds the node's HTTP application around an opened forum. The CLI and the tests call this same function.
///
/// Every answer leaves through the conditional-request and compression middleware: a `GET` whose `If-None-Match`
/// names the current `ETag` is answered 304, and text bodies are gzip-compressed for a client that accepts it.
/// - Parameters:
///   - configuration: Where to listen and the limits to apply.
///   - forum: The opened forum. Its log publisher and clerk wait until it has started (``ForumNode/start(setUp:)``).
///   - logger: The application logger.
///   - onServerRunning: Called once the listening socket is bound, with the server's channel: where `roundtable
///     serve` announces the bound address and starts the forum's writes.
public func buildApplication<Store: ForumStore>(
    configuration: RoundtableConfiguration,
    forum: ForumNode<Store>,
    logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let connections = ConnectionTable(limits: configuration.connections)
    if let transport = configuration.witnessTransport { forum.collectCosignatures(makeTransport: transport, logger: logger) }
    let notices = NoticeDispatcher(forum: forum, configuration: configuration)
    forum.sendNotices(to: notices)
    let router = try buildRouter(configuration: configuration, forum: forum, connections: connections, deliveries: notices.queue)
    return Application(
        responder: HTTPSurfaceResponder(router: router.buildResponder()),
        server: try server(configuration: configuration, connections: connections),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: configuration.serverName,
            backlog: configuration.connections.backlog,
            availableConnectionsDelegate: connections
        ),
        services: [
            configuration.checkpointInterval.map { LogPublisher(forum: forum, logger: logger).service(every: $0) as any Service },
            configuration.clerkInterval.map { GovernanceClerk(forum: forum, logger: logger).service(every: $0) as any Service },
            configuration.clerkInterval.map { CommunicationClerk(forum: forum, every: $0, logger: logger) as any Service },
            notices.queue,
        ].compactMap { $0 },
        onServerRunning: onServerRunning,
        logger: logger
    )
}

/// The HTTP server: HTTP/1.1 on watched connections, in TLS when configured; with HTTP/2 offered too, Hummingbird's
/// HTTP/2 channel, whose connections close after the idle timeout but are not otherwise watched.
private func server(configuration: RoundtableConfiguration, connections: ConnectionTable) throws -> HTTPServerBuilder {
    guard let tls = configuration.tls else { return .guardedHTTP1(table: connections) }
    guard configuration.http2 else { return .guardedHTTP1(table: connections, tls: try NIOSSLContext(configuration: tls)) }
    var http2 = HTTP2UpgradeChannel.Configuration()
    http2.idleTimeout = configuration.connections.idleTimeout
    http2.streamConfiguration.idleTimeout = TimeAmount(configuration.connections.idleTimeout)
    return try .http2Upgrade(tlsConfiguration: tls, configuration: http2)
}

/// Builds the router: `/healthz`, the JSON API under `/api/v1` (described by `/api/v1/openapi.json`), the transparency log under `/log`, TAXII under
/// `/taxii2`, and the public pages. Every error under `/api/` and `/taxii2` has its interface's error body; a known
/// path asked with another method is 405 with `Allow`; successful `GET`s carry an `ETag` and a `Cache-Control`.
/// - Throws: ``WebError`` when the public pages' templates or string catalogs do not load, or when the build lacks
///   the OpenAPI document.
/// - Parameters:
///   - configuration: The limits to apply.
///   - forum: The opened forum.
///   - connections: The open connections, for `/metrics`.
///   - deliveries: The queue of notices, for `/metrics`.
public func buildRouter<Store: ForumStore>(
    configuration: RoundtableConfiguration,
    forum: ForumNode<Store>,
    connections: ConnectionTable? = nil,
    deliveries: DeliveryQueue? = nil
) throws -> Router<AppRequestContext> {
    // HEAD answers wherever GET does, with the same headers and no body.
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.addMiddleware { LogRequestsMiddleware(.debug) }
    let metrics = configuration.metricsExposition.flatMap { exposition in
        configuration.adminTokenDigest.map { digest in
            MetricsController(
                forum: forum, tokenDigest: digest, exposition: exposition, openConnections: { connections?.openConnections ?? 0 },
                deliveries: deliveries)
        }
    }
    if metrics != nil { router.add(middleware: RequestMetricsMiddleware()) }
    router.add(middleware: PublicReadCORSMiddleware())
    router.add(middleware: ErrorBodyMiddleware())
    metrics?.addRoutes(to: router)
    router.add(middleware: EntityTagMiddleware())
    if let leader = configuration.leaderForWrites {
        router.add(middleware: WriteForwarding(leader: leader, maximumBodySize: configuration.maximumBodySize))
    }
    let api = router.group("api/v1")
    ForumController(forum: forum).addRoutes(api: api, root: router)
    try OpenAPIController().addRoutes(api: api)
    let acts = api.group("acts")
    ActController(forum: forum, maximumBodySize: configuration.maximumBodySize).addRoutes(to: acts)
    LogController(log: forum.log).addRoutes(log: router.group("log"), acts: acts, api: api)
    MemberController(forum: forum).addRoutes(to: api.group("members"))
    let sessions = WebSessions(publicURL: configuration.publicURL)
    DocumentController(forum: forum, maximumSize: configuration.maximumBodySize, sessions: sessions).addRoutes(to: api.group("documents"))
    ProposalController(forum: forum).addRoutes(api: api)
    CommunicationFiguresController(forum: forum).addRoutes(api: api)
    TAXIIController(forum: forum, maximumContentLength: configuration.maximumBodySize).addRoutes(to: router)
    ExchangeReceiptController(forum: forum).addRoutes(api: api)
    CommunicationController(forum: forum, keepAlive: configuration.eventStreamKeepAlive).addRoutes(api: api)
    if let digest = configuration.adminTokenDigest { AdminController(forum: forum, tokenDigest: digest).addRoutes(to: api.group("admin")) }
    SignInController(forum: forum, sessions: sessions, publicURL: configuration.publicURL).addRoutes(api: api, root: router)
    let web = try WebController(forum: forum, publicURL: configuration.publicURL, sessions: sessions)
    web.addRoutes(to: router)
    // Last: a router middleware applies to the routes added after it, so this one wraps only the "not found" answer;
    // every route is known by then, for the 405s.
    router.add(middleware: web.notFound(routes: router.routes))
    return router
}
