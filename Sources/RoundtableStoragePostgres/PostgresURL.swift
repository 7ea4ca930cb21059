import Foundation
import NIOSSL
public import PostgresNIO

/// A PostgreSQL connection URL, as libpq and `psql` read it: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or
/// with a Unix socket's directory as `postgres://USER@/DATABASE?host=/run/postgresql` (and `port=` naming the socket's
/// port). `sslmode=disable|prefer|require` chooses TLS; `prefer` is the default, as with libpq.
public struct PostgresURL: Sendable, CustomStringConvertible {
    /// The client configuration the URL describes.
    public let configuration: PostgresClient.Configuration
    /// The configuration of one connection to the same database, as the client makes them.
    public let connectionConfiguration: PostgresConnection.Configuration
    /// The URL without its password, for messages and logs.
    public let description: String

    /// Reads a URL.
    /// - Parameter text: The URL.
    /// - Throws: ``PostgresStoreError/badURL(_:)`` saying what is wrong.
    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw PostgresStoreError.badURL("expected postgres://USER@HOST[:PORT]/DATABASE, got \(Self.redacted(text))")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw PostgresStoreError.badURL("name the database user: postgres://USER@HOST/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw PostgresStoreError.badURL("name the database: postgres://USER@HOST/DATABASE") }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        let unknown = Set(parameters.keys).subtracting(["host", "port", "sslmode"])
        guard unknown.isEmpty else {
            throw PostgresStoreError.badURL("unknown parameter \(unknown.sorted().joined(separator: ", ")); known: host, port, sslmode")
        }
        let port = try Self.port(parameters["port"], components.port, text)
        let password = components.password?.removingPercentEncoding
        let tls = try Self.tls(parameters["sslmode"] ?? "prefer")
        if let socketDirectory = parameters["host"] ?? components.host.flatMap({ $0.hasPrefix("/") ? $0 : nil }), socketDirectory.hasPrefix("/") {
            let path = "\(socketDirectory)/.s.PGSQL.\(port)"
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
            connectionConfiguration = .init(unixSocketPath: path, username: user, password: password, database: database)
        } else {
            guard let host = parameters["host"] ?? components.host, !host.isEmpty else {
                throw PostgresStoreError.badURL("name the host (postgres://USER@HOST/DATABASE) or a socket directory (?host=/run/postgresql)")
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls.client)
            connectionConfiguration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls.connection)
        }
        description = Self.redacted(text)
    }

    /// Whether a text is meant as a PostgreSQL URL rather than a path.
    /// - Parameter text: A `--database` value.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    private static func port(_ parameter: String?, _ inURL: Int?, _ text: String) throws -> Int {
        guard let parameter else { return try check(inURL ?? 5432) }
        guard let port = Int(parameter) else { throw PostgresStoreError.badURL("the port is not a number in \(redacted(text))") }
        return try check(port)
        func check(_ port: Int) throws -> Int {
            guard (1...65535).contains(port) else { throw PostgresStoreError.badURL("port \(port) is out of range") }
            return port
        }
    }

    private static func tls(_ mode: String) throws -> (client: PostgresClient.Configuration.TLS, connection: PostgresConnection.Configuration.TLS) {
        func prefer(_ verification: CertificateVerification) throws -> (PostgresClient.Configuration.TLS, PostgresConnection.Configuration.TLS) {
            (.prefer(client(verifying: verification)), .prefer(try NIOSSLContext(configuration: client(verifying: verification))))
        }
        func require(_ verification: CertificateVerification) throws -> (PostgresClient.Configuration.TLS, PostgresConnection.Configuration.TLS) {
            (.require(client(verifying: verification)), .require(try NIOSSLContext(configuration: client(verifying: verification))))
        }
        switch mode {
        case "disable": return (.disable, .disable)
        case "prefer", "allow": return try prefer(.none)
        case "require": return try require(.none)
        case "verify-ca": return try require(.noHostnameVerification)
        case "verify-full": return try require(.fullVerification)
        default: throw PostgresStoreError.badURL("sslmode is one of disable, prefer, require, verify-ca, verify-full (got \(mode))")
        }
    }

    /// As libpq: `prefer` and `require` encrypt without checking the server's certificate, `verify-ca` checks it
    /// against the system's authorities, `verify-full` its host name too.
    private static func client(verifying verification: CertificateVerification) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verification
        return configuration
    }

    /// The URL with its password replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
