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

    /// A token for resuming after `dateAdded` with the same query.
    /// - Parameters:
    ///   - dateAdded: The `date_added` (microseconds) of the last object served.
    ///   - query: The query's canonical text (collection, endpoint and filters other than `next`).
    public func token(after dateAdded: Int64, query: String) -> String {
        var bytes = withUnsafeBytes(of: dateAdded.bigEndian) { Array($0) }
        bytes += Array(HMAC<SHA256>.authenticationCode(for: bytes + Array(query.utf8), using: key)).prefix(16)
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The `date_added` a token resumes after, or `nil` when it is forged, damaged or was issued for another query.
    /// - Parameters:
    ///   - token: The `next` value presented.
    ///   - query: The query's canonical text.
    public func position(_ token: String, query: String) -> Int64? {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard token.count <= 64, let data = Data(base64Encoded: text), data.count == 24 else { return nil }
        let bytes = Array(data)
        let expected = Array(HMAC<SHA256>.authenticationCode(for: Array(bytes[0..<8]) + Array(query.utf8), using: key)).prefix(16)
        // Compared in constant time.
        guard zip(expected, bytes[8..<24]).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return bytes[0..<8].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
}
