import Crypto
import NIOCore
import TransparencyLog

/// The strong `ETag`s the node gives its answers.
enum EntityTag {
    /// The tag of a body: the first 16 bytes of its SHA-256, in hex, quoted. It changes exactly when the body does.
    static func of(_ body: ByteBuffer) -> String {
        var hash = SHA256()
        body.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
        return of(hash)
    }

    /// The tag of whatever `hash` was fed: the first 16 bytes of its SHA-256, in hex, quoted. For an answer tagged by
    /// what its bytes are made of rather than by its bytes (a TAXII envelope).
    static func of(_ hash: SHA256) -> String {
        "\"" + Hex.encode(Array(hash.finalize().prefix(16))) + "\""
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
