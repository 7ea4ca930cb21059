/// A document the forum keeps by its SHA-256: the full text of a proposal, which the `propose` act names by hash.
public struct StoredDocument: Hashable, Sendable {
    /// The SHA-256 of ``bytes``.
    public let sha256: [UInt8]
    /// The media type it was submitted with, for example `text/markdown; charset=utf-8`.
    public let mediaType: String
    /// The document's bytes.
    public let bytes: [UInt8]

    /// Creates a document; the caller computed the hash.
    /// - Parameters:
    ///   - sha256: The SHA-256 of the bytes.
    ///   - mediaType: The media type.
    ///   - bytes: The bytes.
    public init(sha256: [UInt8], mediaType: String, bytes: [UInt8]) {
        self.sha256 = sha256
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
