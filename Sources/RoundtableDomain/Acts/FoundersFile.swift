import TransparencyLog

/// The founders file given to `roundtable serve --founders FILE`: one member a line,
/// `MEMBER-ID VKEY DISPLAY NAME`, and optionally the initial rules of procedure as `rule NAME VALUE` lines (the
/// defaults otherwise); blank lines and lines starting with `#` are ignored.
public enum FoundersFile {
    /// Parses a founders file.
    /// - Parameter text: The file's text.
    /// - Returns: The founders in file order, and the rules: the defaults with the file's `rule` lines applied.
    /// - Throws: ``ActError`` naming the line that is wrong.
    public static func parse(_ text: String) throws(ActError) -> (founders: [Genesis.Founder], rules: Rules) {
        var founders: [Genesis.Founder] = []
        var settings: [RuleSetting] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("rule ") {
                do { settings.append(try RuleSetting(parsing: line.dropFirst(5))) } catch {
                    throw ActError(error.code, "founders file line \(number + 1): \(error.message)")
                }
                continue
            }
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3 else {
                throw ActError(.malformedAct, "founders file line \(number + 1): write 'MEMBER-ID VKEY DISPLAY NAME'")
            }
            do {
                let key = try NoteVerifier(parsing: fields[1])
                founders.append(.init(id: try MemberID(fields[0]), key: key, displayName: String(fields[2].trimmingSpaces)))
            } catch let error as ActError {
                throw ActError(error.code, "founders file line \(number + 1): \(error.message)")
            } catch let error as NoteError {
                throw ActError(.malformedAct, "founders file line \(number + 1): \(error.message)")
            } catch {
                throw ActError(.malformedAct, "founders file line \(number + 1): \(error)")
            }
        }
        guard !founders.isEmpty else { throw ActError(.malformedAct, "the founders file names no member") }
        return (founders, try Rules.defaults.applying(settings))
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
