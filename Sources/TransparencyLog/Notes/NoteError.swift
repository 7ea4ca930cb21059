/// An error raised while parsing, signing or verifying a C2SP signed note or one of its keys.
///
/// Compare errors by ``code``; ``message`` says what was wrong in words a person can act on.
public struct NoteError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case notUTF8 = "not_utf8"
            case controlCharacter = "control_character"
            case malformedNote = "malformed_note"
            case noSignature = "no_signature"
            case tooManySignatures = "too_many_signatures"
            case unknownKey = "unknown_key"
            case badSignature = "bad_signature"
            case malformedKey = "malformed_key"
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The note is not valid UTF-8.
        public static let notUTF8 = Code(.notUTF8)
        /// The note holds an ASCII control character other than a newline.
        public static let controlCharacter = Code(.controlCharacter)
        /// The note does not follow the signed-note grammar.
        public static let malformedNote = Code(.malformedNote)
        /// The note has no signature line.
        public static let noSignature = Code(.noSignature)
        /// The note carries more signature lines than a verifier accepts.
        public static let tooManySignatures = Code(.tooManySignatures)
        /// No signature on the note comes from a known key.
        public static let unknownKey = Code(.unknownKey)
        /// A signature from a known key does not verify.
        public static let badSignature = Code(.badSignature)
        /// A verifier or signer key text is malformed.
        public static let malformedKey = Code(.malformedKey)

        /// A stable snake-case identifier, suitable for API error bodies.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, for people.
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong, for people.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: NoteError, rhs: NoteError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
