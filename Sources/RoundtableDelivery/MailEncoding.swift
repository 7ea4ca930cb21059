import Foundation

/// The two encodings a mail notice needs to stay 7-bit clean: quoted-printable for the body (RFC 2045) and encoded
/// words for a subject that is not ASCII (RFC 2047). Lines end with a bare LF, as a sendmail command reads them.
enum MailEncoding {
    /// The longest encoded line, without its soft line break (RFC 2045 allows 76 characters with it).
    private static let lineLimit = 75

    /// Encodes text as quoted-printable, line by line.
    static func quotedPrintable(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { quotedPrintableLine(Array($0.utf8)) }.joined(separator: "\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var line = ""
        for (offset, byte) in bytes.enumerated() {
            let last = offset == bytes.count - 1
            let literal = (33...126).contains(byte) && byte != UInt8(ascii: "=") || (byte == 0x20 || byte == 0x09) && !last
            let token = literal ? String(UnicodeScalar(byte)) : "=" + String(format: "%02X", byte)
            if line.utf8.count + token.utf8.count > lineLimit {
                lines.append(line + "=")
                line = ""
            }
            line += token
        }
        return (lines + [line]).joined(separator: "\n")
    }

    /// A header value as is when it is printable ASCII, else as UTF-8 base64 encoded words of at most 42 bytes of
    /// text each, on folded lines; a character is never split across two words.
    static func headerValue(_ text: String) -> String {
        if text.utf8.allSatisfy({ (32...126).contains($0) }) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 42 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }
}
