import Foundation

/// A forum's log as the commands name it: by the node's URL (`https://forum.example.org`) or its log's (`…/log`).
public enum LogURL {
    /// The log's URL prefix, where `checkpoint` and `tile/…` are: the URL itself if it ends with `/log`, else the
    /// node's `/log`; without a trailing slash.
    /// - Parameter url: A node's or a log's URL.
    /// - Throws: ``CLIError`` unless it is an absolute `http` or `https` URL with a host and no query or fragment.
    public static func prefix(_ url: String) throws -> String {
        let trimmed = url.trimmingSuffix("/")
        guard let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            let host = parsed.host, !host.isEmpty, parsed.query == nil, parsed.fragment == nil
        else {
            throw CLIError("'\(url)' is not a node's or a log's URL: give an absolute http:// or https:// URL, for example https://forum.example.org")
        }
        return trimmed.hasSuffix("/log") ? trimmed : trimmed + "/log"
    }
}
