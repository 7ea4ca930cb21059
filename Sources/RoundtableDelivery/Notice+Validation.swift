import Foundation

extension Notice {
    /// Checks that the notice can be sent: an absolute `http(s)` fetch URL, a nonce of 32 lowercase hexadecimal
    /// digits, a deadline in RFC 3339 UTC, and no control character in any field (which could forge a mail header).
    /// - Throws: ``DeliveryError/Code/invalidNotice`` naming the field.
    public func validate() throws(DeliveryError) {
        let fields = [forum, member, contact ?? "", fetch, nonce ?? "", deadline ?? ""]
        guard !fields.contains(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
            throw DeliveryError(.invalidNotice, "a notice's fields hold no control characters")
        }
        guard let url = URL(string: fetch), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw DeliveryError(.invalidNotice, "the fetch URL \(fetch) is not an absolute http(s) URL")
        }
        if let nonce, nonce.utf8.count != 32 || !nonce.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
            throw DeliveryError(.invalidNotice, "a nonce is 32 lowercase hexadecimal digits, not \(nonce)")
        }
        if let deadline, Self.parseDeadline(deadline) == nil {
            throw DeliveryError(.invalidNotice, "the deadline \(deadline) is not an RFC 3339 UTC time such as 2025-07-01T12:00:00Z")
        }
    }

    /// Parses an RFC 3339 UTC time, with or without fractional seconds.
    static func parseDeadline(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        return (try? Date.ISO8601FormatStyle().parse(text))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }
}
