import Crypto
import Foundation

/// The `next` token of a TAXII page: the `date_added` of the last object served and a digest of the query,
/// authenticated with the node's secret. Stateless, so it survives a restart; authorization is checked again on
/// every page, whoever presents it.
public struct PageCursor: Sendable {
    /// The secret that authenticates tokens.
    let key: SymmetricKey

    /// Creates a cursor codec.
    /// - Parameter secret: 32 random bytes kept by the node.
    public init(secret: [UInt8]) { key = SymmetricKey(data: secret) }

    /// The text a token is bound to: the collection, the endpoint and every filter but `next`. Each part is written with
    /// its length, so no two different queries share a text (a filter value holding `&`, `=` or a space cannot pass for
    /// other filters, nor an object id for filters); the filters' order does not matter.
    /// - Parameters:
    ///   - collection: The collection's id.
    ///   - endpoint: The endpoint, with the object's id for the object and versions endpoints.
    ///   - filters: The query parameters other than `next`, by name and value.
    public static func query(collection: String, endpoint: String, filters: [(name: String, value: String)]) -> String {
        let sorted = filters.map { (name: Array($0.name.utf8), value: Array($0.value.utf8)) }.sorted {
            $0.name == $1.name ? $0.value.lexicographicallyPrecedes($1.value) : $0.name.lexicographicallyPrecedes($1.name)
        }
        let parts = [Array(collection.utf8), Array(endpoint.utf8)] + sorted.flatMap { [$0.name, $0.value] }
        return parts.map { "\($0.count):" + String(decoding: $0, as: UTF8.self) }.joined(separator: ",")
    }

    /// A token for resuming after `dateAdded` with the same query.
    /// - Parameters:
    ///   - dateAdded: The `date_added` (microseconds) of the last object served.
    ///   - query: The query's text, ``query(collection:endpoint:filters:)``.
    public func token(after dateAdded: Int64, query: String) -> String {
        var bytes = withUnsafeBytes(of: dateAdded.bigEndian) { Array($0) }
        bytes += Array(HMAC<SHA256>.authenticationCode(for: bytes + Array(query.utf8), using: key)).prefix(16)
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The `date_added` a token resumes after, or `nil` when it is forged, damaged or was issued for another query.
    /// - Parameters:
    ///   - token: The `next` value presented.
    ///   - query: The query's text, ``query(collection:endpoint:filters:)``.
    public func position(_ token: String, query: String) -> Int64? {
        // Only the spelling `token(after:query:)` writes, 32 URL-safe base64 characters: not `+`, `/` or `=`.
        guard token.utf8.count == 32, token.utf8.allSatisfy(Self.isURLSafeBase64) else { return nil }
        let text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard let data = Data(base64Encoded: text), data.count == 24 else { return nil }
        let bytes = Array(data)
        let expected = Array(HMAC<SHA256>.authenticationCode(for: Array(bytes[0..<8]) + Array(query.utf8), using: key)).prefix(16)
        // Compared in constant time.
        guard zip(expected, bytes[8..<24]).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return bytes[0..<8].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    private static func isURLSafeBase64(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
