import Crypto
import NIOCore
import TransparencyLog

/// The strong `ETag`s the node gives its answers.
enum EntityTag {
    /// The tag of a body: the first 16 bytes of its SHA-256, in hex, quoted. It changes exactly when the body does.
    static func of(_ body: ByteBuffer) -> String {
        body.withUnsafeReadableBytes { of(bytes: $0) }
    }

    /// The tag of some bytes: the first 16 bytes of their SHA-256, in hex, quoted.
    static func of(bytes: UnsafeRawBufferPointer) -> String {
        var hash = SHA256()
        hash.update(bufferPointer: bytes)
        return "\"" + Hex.encode(Array(hash.finalize().prefix(16))) + "\""
    }

    /// What the tags of a log's immutable resources start with: the first 8 hex digits of the SHA-256 of the log's
    /// verifier key, so that another log served at the same address never shares a tag. Give the resource's path after
    /// it and close the quote (``immutable(_:path:)``).
    static func prefix(logKey: String) -> String {
        "\"" + Hex.encode(Array(SHA256.hash(data: Array(logKey.utf8)).prefix(4))) + ":"
    }

    /// The tag of a resource that never changes at its path in a log (a tile, an entry bundle), without hashing it.
    static func immutable(_ prefix: String, path: String) -> String { prefix + path + "\"" }
}
