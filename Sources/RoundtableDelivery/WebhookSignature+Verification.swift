public import Foundation
public import TransparencyLog

extension WebhookSignature {
    /// Reads the signature from a request's headers.
    /// - Parameter headers: The request's headers; names are matched without regard to case.
    /// - Throws: ``WebhookSignatureError/Code/missingHeader`` or ``WebhookSignatureError/Code/malformedHeader``.
    public init(headers: [String: String]) throws(WebhookSignatureError) {
        let timestampText = try Self.header(Self.timestampHeader, in: headers)
        guard (1...18).contains(timestampText.utf8.count), timestampText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let timestamp = Int64(timestampText)
        else {
            throw WebhookSignatureError(.malformedHeader, "\(Self.timestampHeader) must be a count of seconds in decimal digits")
        }
        let parts = try Self.header(Self.signatureHeader, in: headers).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let bytes = Data(base64Encoded: String(parts[1])), bytes.count == 68 else {
            throw WebhookSignatureError(
                .malformedHeader, "\(Self.signatureHeader) must be a key name, a space and base64 of a 4-byte key ID and a 64-byte signature")
        }
        let keyID = NoteKeyID(bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        self.init(timestamp: timestamp, signature: NoteSignature(keyName: String(parts[0]), keyID: keyID, signature: Array(bytes.dropFirst(4))))
    }

    /// Verifies a webhook as its receiver: the headers name the forum's key, the signature over the timestamp and the
    /// body verifies with it, and the timestamp is within `tolerance` of the receiver's clock.
    /// - Parameters:
    ///   - headers: The request's headers; names are matched without regard to case.
    ///   - body: The request's body, exactly as received.
    ///   - key: The forum's verifier key; parse its C2SP text with `NoteVerifier(parsing:)`.
    ///   - now: The receiver's clock.
    ///   - tolerance: How far the timestamp may be from `now`, either way.
    /// - Returns: The verified signature.
    /// - Throws: A ``WebhookSignatureError`` saying what is wrong.
    @discardableResult
    public static func verify(
        headers: [String: String], body: some DataProtocol, key: NoteVerifier, now: Date = Date(), tolerance: Duration = defaultTolerance
    ) throws(WebhookSignatureError) -> WebhookSignature {
        let signed = try WebhookSignature(headers: headers)
        guard signed.signature.keyName == key.name, signed.signature.keyID == key.keyID else {
            throw WebhookSignatureError(
                .unknownKey, "signed by \(signed.signature.keyName) (key ID \(signed.signature.keyID)), not by \(key.name) (key ID \(key.keyID))")
        }
        guard key.isValidSignature(signed.signature.signature, for: message(timestamp: signed.timestamp, body: body)) else {
            throw WebhookSignatureError(.badSignature, "the signature does not verify over this timestamp and body with \(key.name)'s key")
        }
        let skew = abs(now.timeIntervalSince1970 - Double(signed.timestamp))
        guard skew <= Double(tolerance.components.seconds) else {
            throw WebhookSignatureError(
                .staleTimestamp, "signed at \(signed.timestamp), \(Int(skew)) s from this clock; at most \(tolerance.components.seconds) s allowed")
        }
        return signed
    }

    private static func header(_ name: String, in headers: [String: String]) throws(WebhookSignatureError) -> String {
        let values = headers.filter { $0.key.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        guard values.count == 1, let value = values.first else {
            throw WebhookSignatureError(values.isEmpty ? .missingHeader : .malformedHeader, "expected one \(name) header, found \(values.count)")
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
