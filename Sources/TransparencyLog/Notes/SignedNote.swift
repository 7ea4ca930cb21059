import Foundation

/// A C2SP signed note (c2sp.org/signed-note@v1.0.0): a text of one or more lines, a blank line, then one or
/// more signature lines.
///
/// ```swift
/// let note = try SignedNote(parsing: bytes)
/// let signers = try note.verify { name, keyID in keyring[name, keyID] }
/// ```
public struct SignedNote: Hashable, Sendable {
    /// The most signature lines a note may carry; the C2SP text asks verifiers to accept at least 16.
    public static let maximumSignatures = 100

    /// The signed text, including its final newline.
    public let text: String
    /// The signature lines, in note order.
    public let signatures: [NoteSignature]

    /// Creates a note from a text and its signatures.
    /// - Parameters:
    ///   - text: One or more lines, each ending in a newline.
    ///   - signatures: At least one signature.
    public init(text: String, signatures: [NoteSignature]) throws(NoteError) {
        try Self.validate(bytes: Array(text.utf8))
        guard !text.isEmpty, text.hasSuffix("\n") else {
            throw NoteError(.malformedNote, "the text of a note must be non-empty and end with a newline")
        }
        guard !signatures.isEmpty else { throw NoteError(.noSignature, "a signed note needs at least one signature") }
        self.text = text
        self.signatures = signatures
    }

    /// Signs a text with one or more keys.
    /// - Parameters:
    ///   - text: One or more lines, each ending in a newline.
    ///   - signers: The keys to sign with, in the order their lines should appear.
    public static func sign(text: String, with signers: [NoteSigner]) throws -> SignedNote {
        let message = Array(text.utf8)
        return try SignedNote(text: text, signatures: signers.map { try $0.signature(for: message) })
    }

    /// Parses a note's bytes.
    /// - Parameter bytes: The whole note: valid UTF-8 with no control character but newline.
    /// - Throws: ``NoteError`` with code `notUTF8`, `controlCharacter`, `malformedNote`, `noSignature` or
    ///   `tooManySignatures`.
    public init(parsing bytes: some Collection<UInt8>) throws(NoteError) {
        try self.init(parsing: Array(bytes))
    }

    /// Parses a note's bytes; see ``init(parsing:)-(Collection<UInt8>)``.
    public init(parsing bytes: [UInt8]) throws(NoteError) {
        try Self.validate(bytes: bytes)
        guard let split = Self.lastBlankLine(in: bytes) else {
            throw NoteError(.malformedNote, "a signed note needs a blank line between its text and its signatures")
        }
        let text = String(decoding: bytes[..<(split + 1)], as: UTF8.self)
        let block = bytes[(split + 2)...]
        guard !block.isEmpty else { throw NoteError(.noSignature, "the note has no signature lines after its blank line") }
        guard block.last == 0x0A else { throw NoteError(.malformedNote, "the last signature line must end with a newline") }
        let lines = block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= Self.maximumSignatures else {
            throw NoteError(.tooManySignatures, "a note may carry at most \(Self.maximumSignatures) signatures")
        }
        self.text = text
        self.signatures = try lines.map { line throws(NoteError) in try Self.parseSignature(line: line) }
    }

    /// The note's bytes: text, blank line, signature lines.
    public var bytes: [UInt8] {
        Array(text.utf8) + [0x0A] + signatures.flatMap { Array($0.line.utf8) }
    }

    /// Verifies the note's signatures.
    ///
    /// Signatures from keys that `lookup` does not know are ignored; a known key whose signature fails rejects the
    /// note; at least one known key must verify.
    /// - Parameter lookup: Returns the verifier for a key name and key ID, or `nil` for an unknown key.
    /// - Returns: The verifiers whose signatures verified, in note order.
    public func verify(using lookup: (String, NoteKeyID) -> NoteVerifier?) throws(NoteError) -> [NoteVerifier] {
        let message = Array(text.utf8)
        var verified: [NoteVerifier] = []
        for signature in signatures {
            guard let verifier = lookup(signature.keyName, signature.keyID) else { continue }
            guard verifier.isValidSignature(signature.signature, for: message) else {
                throw NoteError(.badSignature, "the signature of key \(signature.keyName) does not verify")
            }
            verified.append(verifier)
        }
        guard !verified.isEmpty else {
            throw NoteError(.unknownKey, "no signature on the note comes from a known key")
        }
        return verified
    }

    /// Verifies the note against a list of keys; see ``verify(using:)``.
    /// - Parameter verifiers: The known keys.
    public func verify(by verifiers: [NoteVerifier]) throws(NoteError) -> [NoteVerifier] {
        try verify { name, id in verifiers.first { $0.name == name && $0.keyID == id } }
    }

    private static func validate(bytes: [UInt8]) throws(NoteError) {
        if let bad = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) {
            throw NoteError(.controlCharacter, "byte \(bad) is the control character 0x\(Hex.encode([bytes[bad]])); only newline is allowed")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw NoteError(.notUTF8, "the note is not valid UTF-8")
        }
    }

    private static func lastBlankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static let dashPrefix: [UInt8] = Array("\u{2014} ".utf8)

    private static func parseSignature(line: ArraySlice<UInt8>) throws(NoteError) -> NoteSignature {
        guard line.starts(with: dashPrefix) else {
            throw NoteError(.malformedNote, "a signature line must start with an em dash (U+2014) and a space")
        }
        let rest = line.dropFirst(dashPrefix.count)
        let fields = rest.split(separator: 0x20, omittingEmptySubsequences: false)
        guard fields.count == 2, !fields[0].isEmpty,
            let decoded = Data(base64Encoded: Data(fields[1])), decoded.count > 4
        else {
            throw NoteError(.malformedNote, "a signature line must read '— NAME BASE64' with a base64 key ID and signature")
        }
        guard !fields[0].contains(UInt8(ascii: "+")) else { throw NoteError(.malformedNote, "a key name may not contain '+'") }
        let name = String(decoding: fields[0], as: UTF8.self)
        let id = decoded.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(keyName: name, keyID: NoteKeyID(id), signature: Array(decoded.dropFirst(4)))
    }
}
