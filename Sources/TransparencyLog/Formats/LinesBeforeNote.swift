/// The layout that tlog-proof files and tlog-witness requests share: a few text lines, among them base64 proof
/// hashes one a line, then a blank line, then a signed checkpoint note verbatim.
enum LinesBeforeNote {
    /// Splits bytes at their first blank line.
    /// - Parameters:
    ///   - bytes: The whole file or request body.
    ///   - what: What the bytes are, for the error, for example "a tlog-proof".
    /// - Returns: The lines before the blank line, and the note after it.
    static func split(_ bytes: [UInt8], what: String) throws(FormatError) -> (lines: ArraySlice<Substring>, note: [UInt8]) {
        guard let blank = firstBlankLine(bytes) else { throw FormatError("\(what) has a blank line before its checkpoint") }
        let head = String(decoding: bytes[..<blank], as: UTF8.self)
        return (head.split(separator: "\n", omittingEmptySubsequences: false)[...], Array(bytes[(blank + 2)...]))
    }

    /// Reads proof hashes, one standard padded base64 hash a line.
    static func hashes(_ lines: some Sequence<Substring>) throws(FormatError) -> [TreeHash] {
        var proof: [TreeHash] = []
        for line in lines {
            guard line.utf8.count == 44, let hash = TreeHash(base64: line) else { throw FormatError("'\(line)' is not a proof hash") }
            proof.append(hash)
        }
        return proof
    }

    /// Writes lines, each with its newline, then the blank line and the note.
    static func join(_ lines: [String], note: [UInt8]) -> [UInt8] {
        Array((lines.map { $0 + "\n" }.joined() + "\n").utf8) + note
    }

    /// Reads a decimal number without leading zeros, as every number in these formats is written.
    static func number(_ text: Substring) -> UInt64? {
        guard let value = UInt64(text), String(value) == text else { return nil }
        return value
    }

    private static func firstBlankLine(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }
}
