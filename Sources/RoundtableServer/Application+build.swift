public import Hummingbird
public import Logging
public import RoundtableDomain

/// Builds the node's HTTP application around an opened forum. The CLI and the tests call this same function.
/// - Parameters:
///   - configuration: Where to listen and the limits to apply.
///   - forum: The opened forum.
///   - logger: The application logger.
public func buildApplication<Store: ForumStore>(
    configuration: RoundtableConfiguration,
    forum: ForumNode<Store>,
    logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration: configuration, forum: forum),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        logger: logger
    )
}

/// Builds the router: `/healthz`, and the JSON API under `/api/v1`.
/// - Parameters:
///   - configuration: The limits to apply.
///   - forum: The opened forum.
public func buildRouter<Store: ForumStore>(
    configuration: RoundtableConfiguration,
    forum: ForumNode<Store>
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware { LogRequestsMiddleware(.debug) }
    let api = router.group("api/v1")
    ForumController(forum: forum).addRoutes(api: api, root: router)
    ActController(forum: forum, maximumBodySize: configuration.maximumBodySize).addRoutes(to: api.group("acts"))
    MemberController(forum: forum).addRoutes(to: api.group("members"))
    return router
}
