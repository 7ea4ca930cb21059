import Crypto

/// SHA-256 for the package's other modules, which do not link swift-crypto themselves.
package enum Digest {
    /// The SHA-256 of some bytes.
    package static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return Array(hasher.finalize())
    }
}
