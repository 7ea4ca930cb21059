import Foundation

/// What a request's `Accept-Encoding` allows (RFC 9110 §12.5.3): only gzip matters to the node.
///
/// gzip is allowed when the header lists `gzip` (or `x-gzip`) with a weight above 0, or `*` with a weight above 0 and
/// no weight for gzip itself. Without the header, the node sends bodies as they are.
struct AcceptEncoding {
    /// Whether the answer may be gzip-compressed.
    let allowsGzip: Bool

    /// Reads the header.
    /// - Parameter value: The `Accept-Encoding` header, or `nil`.
    init(_ value: String?) {
        var gzip: Double?
        var any: Double?
        for item in (value ?? "").split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, !coding.isEmpty else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.map { Double($0.dropFirst(2)) ?? 0 } ?? 1
            if coding == "gzip" || coding == "x-gzip" { gzip = max(gzip ?? 0, weight) }
            if coding == "*" { any = weight }
        }
        allowsGzip = (gzip ?? any ?? 0) > 0
    }
}
