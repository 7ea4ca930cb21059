/// The language a member's text is written in, as a BCP 47 tag (RFC 5646): `en`, `fr`, `zh-Hans`, `es-419`.
public enum LanguageTag {
    /// Checks the form of a tag: a primary language of 2 or 3 letters, then subtags of 1 to 8 letters or digits
    /// separated by hyphens, at most 35 characters in all. Whether the language exists is not checked.
    /// - Returns: The tag as written.
    /// - Throws: ``ActError`` `malformed_act` when it is not of that form.
    public static func validate(_ text: some StringProtocol) throws(ActError) -> String {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        let isAlphanumeric = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
        guard text.count <= 35, let primary = subtags.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }),
            subtags.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) })
        else {
            throw ActError(.malformedAct, "'\(text)' is not a language tag; write a BCP 47 tag such as en, fr, ar, zh-Hans or es-419")
        }
        return String(text)
    }
}
