/// Why a webhook's signature was refused.
///
/// Compare errors by ``code``; ``message`` says what was wrong in words a person can act on.
public struct WebhookSignatureError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case missingHeader = "missing_header"
            case malformedHeader = "malformed_header"
            case unknownKey = "unknown_key"
            case badSignature = "bad_signature"
            case staleTimestamp = "stale_timestamp"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// `Roundtable-Timestamp` or `Roundtable-Signature` is absent.
        public static let missingHeader = Code(.missingHeader)
        /// A header does not have the form the scheme gives it.
        public static let malformedHeader = Code(.malformedHeader)
        /// The signature names another key (name or key ID) than the forum's.
        public static let unknownKey = Code(.unknownKey)
        /// The signature does not verify with the forum's key over this timestamp and body.
        public static let badSignature = Code(.badSignature)
        /// The timestamp is further from the receiver's clock than the tolerance allows.
        public static let staleTimestamp = Code(.staleTimestamp)

        /// A stable snake-case identifier.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What was wrong, for people.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What was wrong, for people.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: WebhookSignatureError, rhs: WebhookSignatureError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
