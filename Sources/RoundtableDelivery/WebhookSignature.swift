public import Foundation
public import TransparencyLog

/// The node's Ed25519 signature on a webhook's body, carried in two headers (docs/delivery.md):
///
/// ```
/// Roundtable-Timestamp: <unix seconds>
/// Roundtable-Signature: <key name> <base64(4-byte key ID ‖ 64-byte Ed25519 signature)>
/// ```
///
/// The signature is over `"roundtable-webhook/v1\n" + timestamp + "\n" + body`, by the node key, with the key ID of
/// C2SP signed notes: a receiver verifies it with the forum's verifier key (its `/log/vkey`).
public struct WebhookSignature: Hashable, Sendable {
    /// The header carrying the signing time.
    public static let timestampHeader = "Roundtable-Timestamp"
    /// The header carrying the key name and the signature.
    public static let signatureHeader = "Roundtable-Signature"
    /// The first line of every signed message, which keeps a webhook signature from being taken for another.
    public static let context = "roundtable-webhook/v1"
    /// How far a timestamp may be from the receiver's clock by default: five minutes.
    public static let defaultTolerance: Duration = .seconds(300)

    /// The signing time, in seconds since 1970-01-01 UTC.
    public let timestamp: Int64
    /// The key name, key ID and signature.
    public let signature: NoteSignature

    /// Wraps a timestamp and a signature.
    /// - Parameters:
    ///   - timestamp: The signing time, in seconds since 1970-01-01 UTC.
    ///   - signature: The key name, key ID and signature.
    public init(timestamp: Int64, signature: NoteSignature) {
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Signs a webhook body.
    /// - Parameters:
    ///   - body: The body's bytes, exactly as sent.
    ///   - signer: The node key.
    ///   - date: The signing time; its fraction of a second is dropped.
    public static func sign(_ body: some DataProtocol, with signer: NoteSigner, at date: Date = Date()) throws -> WebhookSignature {
        let timestamp = Int64(date.timeIntervalSince1970.rounded(.down))
        return WebhookSignature(timestamp: timestamp, signature: try signer.signature(for: message(timestamp: timestamp, body: body)))
    }

    /// The bytes signed: `"roundtable-webhook/v1\n" + timestamp + "\n" + body`.
    /// - Parameters:
    ///   - timestamp: The signing time, in seconds since 1970-01-01 UTC.
    ///   - body: The body's bytes.
    public static func message(timestamp: Int64, body: some DataProtocol) -> [UInt8] {
        Array("\(context)\n\(timestamp)\n".utf8) + Array(body)
    }

    /// The two headers to send with the body.
    public var headers: [String: String] {
        [
            Self.timestampHeader: String(timestamp),
            Self.signatureHeader: "\(signature.keyName) \(Data(signature.keyID.bytes + signature.signature).base64EncodedString())",
        ]
    }
}
