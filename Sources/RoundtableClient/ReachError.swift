import AsyncHTTPClient
import Foundation
import NIOCore

/// What went wrong reaching a server, in plain words and with what to check, instead of the HTTP client's, the
/// socket layer's or the TLS library's own messages.
public enum ReachError {
    /// The words for an error met while sending a request to `url`.
    /// - Parameters:
    ///   - error: The error the HTTP client threw.
    ///   - url: The URL the request went to.
    public static func describe(_ error: any Error, url: String) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .invalidURL, .emptyScheme, .emptyHost:
                return "'\(url)' is not a URL this tool can use: give an absolute http:// or https:// URL, such as https://forum.example.org"
            case .connectTimeout:
                return "no connection to \(url) within the time allowed: check the address, and that no firewall is in the way"
            case .deadlineExceeded, .readTimeout:
                return "\(url) did not answer in time: the server may be overloaded, or this is not the node's address"
            case .remoteConnectionClosed:
                return "the server at \(url) closed the connection without answering: check the address, and http:// against https://"
            case .tlsHandshakeTimeout:
                return tls(url)
            default: break
            }
        }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return refused(url) }
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("errno: \(ECONNREFUSED))") { return refused(url) }
        if text.contains("UnknownHost") || text.contains("Name or service not known") {
            return "the host name in \(url) could not be found: check its spelling, and the machine's DNS"
        }
        if text.contains("SSL") || text.contains("TLS") || text.contains("handshake") { return tls(url) }
        return "cannot reach \(url): \(text)"
    }

    private static func refused(_ url: String) -> String {
        "nothing accepts connections at \(url) (connection refused): is the node running, and is the port right?"
    }

    private static func tls(_ url: String) -> String {
        "the TLS handshake with \(url) failed: the server may not speak TLS on that port (use http:// for a node served "
            + "without TLS), or its certificate is not one this machine trusts"
    }
}
