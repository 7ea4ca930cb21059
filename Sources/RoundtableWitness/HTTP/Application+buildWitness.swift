public import Hummingbird
public import Logging
public import NIOCore

/// Builds a witness's HTTP application. `roundtable witness serve` and the tests call this same function.
/// - Parameters:
///   - configuration: Where to listen and the limits to apply.
///   - witness: The witness, opened on its store.
///   - logger: The application logger.
///   - onServerRunning: Called once the listening socket is bound, with the server's channel: where the command
///     announces the bound port.
public func buildWitnessApplication<Store: WitnessStore>(
    configuration: WitnessConfiguration,
    witness: Witness<Store>,
    logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router()
    router.addMiddleware { LogRequestsMiddleware(.debug) }
    WitnessController(witness: witness, maximumBodySize: configuration.maximumBodySize).addRoutes(to: router)
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        onServerRunning: onServerRunning,
        logger: logger
    )
}
