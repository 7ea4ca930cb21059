extension NoteVerifier: Codable {
    /// Decodes a verifier from its C2SP verifier key text, checked as ``init(parsing:)`` checks it.
    public init(from decoder: any Decoder) throws { try self.init(parsing: try KeyText.decode(decoder)) }

    /// Encodes the verifier as its C2SP verifier key text.
    public func encode(to encoder: any Encoder) throws { try KeyText.encode(description, encoder) }
}

extension CosignatureVerifier: Codable {
    /// Decodes a cosignature key from its text, `NAME+KEYID+BASE64(0x04 ‖ key)`, checked as ``init(parsing:)`` checks it.
    public init(from decoder: any Decoder) throws { try self.init(parsing: try KeyText.decode(decoder)) }

    /// Encodes the key as its text.
    public func encode(to encoder: any Encoder) throws { try KeyText.encode(description, encoder) }
}

/// A key encoded as its text, a single string.
private enum KeyText {
    static func decode(_ decoder: any Decoder) throws -> String { try decoder.singleValueContainer().decode(String.self) }

    static func encode(_ text: String, _ encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
