import Foundation

/// One signature line of a signed note: `— <key name> <base64(key ID ‖ signature)>`.
public struct NoteSignature: Hashable, Sendable {
    /// The key name on the line.
    public let keyName: String
    /// The key ID, the first four bytes of the encoded signature.
    public let keyID: NoteKeyID
    /// The signature bytes after the key ID.
    public let signature: [UInt8]

    /// Creates a signature line.
    /// - Parameters:
    ///   - keyName: The key name.
    ///   - keyID: The key ID.
    ///   - signature: The signature bytes after the key ID.
    public init(keyName: String, keyID: NoteKeyID, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as it appears in a note, with its final newline.
    public var line: String {
        "\u{2014} \(keyName) \(Data(keyID.bytes + signature).base64EncodedString())\n"
    }
}
