extension String {
    /// Whether the string starts with `prefix`, compared byte for byte: header values and paths are ASCII, and the
    /// Unicode-aware `hasPrefix` and `contains` cost the log's hot paths more than the rest of their answer.
    func hasASCIIPrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// Whether `word` appears in the string, compared byte for byte (see ``hasASCIIPrefix(_:)``).
    func containsASCII(_ word: String) -> Bool {
        let text = utf8
        guard let first = word.utf8.first else { return true }
        var start = text.startIndex
        while let found = text[start...].firstIndex(of: first) {
            if text[found...].starts(with: word.utf8) { return true }
            start = text.index(after: found)
        }
        return false
    }
}
