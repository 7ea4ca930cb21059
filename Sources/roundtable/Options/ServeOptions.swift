import ArgumentParser
import Foundation
import RoundtableClient
import RoundtableDelivery
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableStoragePostgres

/// The options of `roundtable serve`; each may also come from an environment variable.
struct ServeOptions: ParsableArguments {
    @Option(help: "The data directory (env ROUNDTABLE_DATA; default ./roundtable-data, or ./roundtable-demo with --demo).")
    var data: String?

    @Option(
        help: """
            The forum's database: a PostgreSQL URL, postgres://USER@HOST[:PORT]/DATABASE (env ROUNDTABLE_DATABASE_URL; default the SQLite \
            file roundtable.sqlite in the data directory, which then keeps only the node key and local files).
            """)
    var database: String?

    @Option(
        help: """
            With --database, where the other front-ends on the database reach this one to forward writes, should it lead \
            (env ROUNDTABLE_FRONT_END_URL; default http://HOST:PORT as bound).
            """)
    var frontEndURL: String?

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

    @Flag(help: "Start a demonstration forum: eight members (seven founders and Chile, admitted by ballot), proposals, votes, contacts and requests.")
    var demo = false

    @Option(help: "Seconds a connection may wait for a request before it is closed (env ROUNDTABLE_IDLE_TIMEOUT; default 60).")
    var idleTimeout: Double?

    @Option(help: "Seconds a request's head may take from its first byte (env ROUNDTABLE_HEAD_TIMEOUT; default 15).")
    var headTimeout: Double?

    @Option(help: "Seconds a request's body may take from its head (env ROUNDTABLE_BODY_TIMEOUT; default 60).")
    var bodyTimeout: Double?

    @Option(help: "The most connections open at once (env ROUNDTABLE_MAX_CONNECTIONS; default the open-file limit less 128).")
    var maxConnections: Int?

    @Option(
        help: """
            Serve HTTPS with this PEM certificate chain, the server's certificate first (env ROUNDTABLE_TLS_CERT; needs --tls-key; \
            default plain HTTP, for a node behind a proxy that ends TLS).
            """)
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert (env ROUNDTABLE_TLS_KEY).")
    var tlsKey: String?

    @Flag(help: "With --tls-cert, offer HTTP/2 as well as HTTP/1.1 (chosen by ALPN).")
    var http2 = false

    @Option(help: "E-mail the contacts' notices from this address via the host's mail transfer agent (env ROUNDTABLE_MAIL_FROM; no default).")
    var mailFrom: String?

    @Option(help: "The sendmail-compatible command fed each message (env ROUNDTABLE_MAIL_COMMAND; default '/usr/sbin/sendmail -t -i').")
    var mailCommand: String?

    /// The options resolved against the environment and the defaults.
    struct Resolved {
        var configuration: RoundtableConfiguration
        var dataDirectory: String
        /// The PostgreSQL database, or `nil` for the SQLite file in the data directory.
        var database: PostgresURL?
        /// Where the other front-ends forward writes to this one while it leads.
        var frontEndURL: String?
        var foundersFile: String?
        var forumName: String
        var demo: Bool
        var portFile: String?
    }

    /// The connection limits from the options and the environment; the defaults for those not given.
    func connectionLimits(environment: [String: String]) throws -> ConnectionLimits {
        func seconds(_ option: Double?, _ variable: String, _ name: String, default value: Duration) throws -> Duration {
            guard let text = option.map({ "\($0)" }) ?? environment[variable] else { return value }
            guard let number = Double(text), number > 0, number <= 86_400 else {
                throw ValidationError("--\(name) '\(text)' must be a number of seconds above 0 and at most 86400")
            }
            return .milliseconds(Int64((number * 1000).rounded(.up)))
        }
        let defaults = ConnectionLimits()
        var maximum: Int?
        if let text = maxConnections.map(String.init) ?? environment["ROUNDTABLE_MAX_CONNECTIONS"] {
            guard let number = Int(text), number >= 2 else {
                throw ValidationError("--max-connections '\(text)' must be a whole number of at least 2")
            }
            maximum = number
        }
        return ConnectionLimits(
            idleTimeout: try seconds(idleTimeout, "ROUNDTABLE_IDLE_TIMEOUT", "idle-timeout", default: defaults.idleTimeout),
            requestHeadTimeout: try seconds(headTimeout, "ROUNDTABLE_HEAD_TIMEOUT", "head-timeout", default: defaults.requestHeadTimeout),
            requestBodyTimeout: try seconds(bodyTimeout, "ROUNDTABLE_BODY_TIMEOUT", "body-timeout", default: defaults.requestBodyTimeout),
            maximumConnections: maximum
        )
    }

    /// Reads the TLS certificate and key, if given; the public URL then defaults to `https://HOST:PORT`.
    private func resolveTLS(_ configuration: inout RoundtableConfiguration, publicURL: String?, environment: [String: String]) throws {
        let certificate = tlsCert ?? environment["ROUNDTABLE_TLS_CERT"]
        let key = tlsKey ?? environment["ROUNDTABLE_TLS_KEY"]
        switch (certificate, key) {
        case (nil, nil):
            guard !http2 else { throw ValidationError("--http2 needs --tls-cert and --tls-key: HTTP/2 is offered by ALPN in TLS") }
        case (let certificate?, let key?):
            do { configuration.tls = try TLSFiles.configuration(certificate: certificate, key: key) } catch {
                throw ValidationError(error.description)
            }
            configuration.http2 = http2
            if publicURL == nil { configuration.publicURL = "https://\(configuration.host):\(configuration.port)" }
        default:
            throw ValidationError("--tls-cert and --tls-key go together: give the certificate chain and its private key")
        }
    }

    /// The PostgreSQL database a `--database` value names; `nil` for none.
    static func database(_ text: String?) throws -> PostgresURL? {
        guard let text, !text.isEmpty else { return nil }
        guard PostgresURL.isURL(text) else {
            throw ValidationError("--database '\(text)' is not a postgres:// URL; without --database the node keeps its SQLite file in --data")
        }
        do { return try PostgresURL(text) } catch { throw ValidationError("--database: \(error)") }
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
        var configuration = RoundtableConfiguration(
            host: host, port: port, publicURL: publicURL, connections: try connectionLimits(environment: environment))
        try resolveTLS(&configuration, publicURL: publicURL, environment: environment)
        // A witness has 10 seconds to answer; it is asked again later, and never holds up the others.
        configuration.witnessTransport = { witness in HTTPWitnessTransport(prefix: witness.url, timeout: 10) }
        if let from = mailFrom ?? environment["ROUNDTABLE_MAIL_FROM"] {
            let command = (mailCommand ?? environment["ROUNDTABLE_MAIL_COMMAND"]).map { $0.split(separator: " ").map(String.init) }
                ?? MailSender.Configuration.defaultCommand
            guard let program = command.first, FileManager.default.isExecutableFile(atPath: program) else {
                throw ValidationError(
                    "--mail-command: '\(command.first ?? "")' is not an executable; install a mail transfer agent or name its sendmail command")
            }
            do { try MailSender.checkAddress(from) } catch { throw ValidationError("--mail-from: \(error)") }
            configuration.mail = MailSender.Configuration(from: from, command: command)
        }
        do { _ = try configuration.origin } catch { throw ValidationError(error.description) }
        let forumName = forumName ?? environment["ROUNDTABLE_FORUM_NAME"] ?? (demo ? "Roundtable demonstration forum" : "Roundtable forum")
        do throws(ActError) { try DisplayName.validate(forumName) } catch { throw ValidationError("--forum-name: \(error.message)") }
        return Resolved(
            configuration: configuration,
            dataDirectory: data ?? environment["ROUNDTABLE_DATA"] ?? (demo ? "./roundtable-demo" : "./roundtable-data"),
            database: try Self.database(database ?? environment["ROUNDTABLE_DATABASE_URL"]),
            frontEndURL: frontEndURL ?? environment["ROUNDTABLE_FRONT_END_URL"],
            foundersFile: founders ?? environment["ROUNDTABLE_FOUNDERS"],
            forumName: forumName,
            demo: demo,
            portFile: portFile ?? environment["ROUNDTABLE_PORT_FILE"]
        )
    }
}
