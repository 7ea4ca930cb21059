/// Documents addressed by their SHA-256: the long texts (a proposal's full text) that acts name by hash.
public protocol DocumentStore: Sendable {
    /// Stores a document durably; storing a document with the same SHA-256 again changes nothing (the first one's
    /// media type is kept).
    /// - Parameter document: The document.
    func store(_ document: StoredDocument) async throws

    /// The document with this SHA-256, or `nil`.
    /// - Parameter sha256: The document's hash.
    func document(_ sha256: [UInt8]) async throws -> StoredDocument?
}

extension DocumentStore {
    /// Whether the store holds the document with this SHA-256.
    /// - Parameter sha256: The document's hash.
    public func hasDocument(_ sha256: [UInt8]) async throws -> Bool { try await document(sha256) != nil }
}
