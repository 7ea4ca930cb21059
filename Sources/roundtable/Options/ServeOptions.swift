import ArgumentParser
import Foundation
import RoundtableDomain
import RoundtableNode
import RoundtableServer

/// The options of `roundtable serve`; each may also come from an environment variable.
struct ServeOptions: ParsableArguments {
    @Option(help: "The data directory (env ROUNDTABLE_DATA; default ./roundtable-data, or ./roundtable-demo with --demo).")
    var data: String?

    @Option(help: "The address to listen on (env ROUNDTABLE_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "The port to listen on (env ROUNDTABLE_PORT; default 8080); 0 takes a free port, which then needs --public-url.")
    var port: Int?

    @Option(help: "Once listening, write the bound port to this file, atomically (env ROUNDTABLE_PORT_FILE).")
    var portFile: String?

    @Option(help: "The URL members reach the node at (env ROUNDTABLE_PUBLIC_URL; default http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "On first start: the founding members, one 'MEMBER-ID VKEY DISPLAY NAME' a line (env ROUNDTABLE_FOUNDERS).")
    var founders: String?

    @Option(help: "On first start: the forum's name (env ROUNDTABLE_FORUM_NAME; default 'Roundtable forum').")
    var forumName: String?

    @Flag(help: "Start a demonstration forum with seven members and a few acts.")
    var demo = false

    /// The options resolved against the environment and the defaults.
    struct Resolved {
        var configuration: RoundtableConfiguration
        var dataDirectory: String
        var foundersFile: String?
        var forumName: String
        var demo: Bool
        var portFile: String?
    }

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resolved {
        let host = host ?? environment["ROUNDTABLE_HOST"] ?? "127.0.0.1"
        let portText = port.map(String.init) ?? environment["ROUNDTABLE_PORT"] ?? "8080"
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw ValidationError("the port '\(portText)' must be a number from 0 to 65535")
        }
        let publicURL = publicURL ?? environment["ROUNDTABLE_PUBLIC_URL"]
        guard port != 0 || publicURL != nil else {
            throw ValidationError(
                "with --port 0 the port is only known once the node listens, and the forum's origin must not change with it: give --public-url")
        }
        let configuration = RoundtableConfiguration(host: host, port: port, publicURL: publicURL)
        do { _ = try configuration.origin } catch { throw ValidationError(error.description) }
        let forumName = forumName ?? environment["ROUNDTABLE_FORUM_NAME"] ?? (demo ? "Roundtable demonstration forum" : "Roundtable forum")
        do throws(ActError) { try DisplayName.validate(forumName) } catch { throw ValidationError("--forum-name: \(error.message)") }
        return Resolved(
            configuration: configuration,
            dataDirectory: data ?? environment["ROUNDTABLE_DATA"] ?? (demo ? "./roundtable-demo" : "./roundtable-data"),
            foundersFile: founders ?? environment["ROUNDTABLE_FOUNDERS"],
            forumName: forumName,
            demo: demo,
            portFile: portFile ?? environment["ROUNDTABLE_PORT_FILE"]
        )
    }
}
