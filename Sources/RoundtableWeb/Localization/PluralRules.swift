import _FoundationICU

/// A language's plural rules from the Unicode CLDR, through the ICU that Foundation ships: which form of a counted
/// phrase a number takes (`one`, `two`, `few`, `many`, `other`, `zero`), so that "2 minutes" reads right in Arabic
/// and Russian as well as in English.
public struct PluralRules: Sendable {
    /// The categories the language distinguishes, each one a catalog suffix: `home_members.few` for Russian.
    public let categories: Set<String>
    private let rules: Rules

    /// Opens the rules of a language.
    /// - Parameter language: A BCP 47 language code, `ar` or `ru`.
    /// - Throws: ``WebError`` when ICU has no rules for the language.
    public init(language: String) throws {
        var status = U_ZERO_ERROR
        guard let opened = swift_uplrules_open(language, &status), status.rawValue <= U_ZERO_ERROR.rawValue else {
            throw WebError("ICU has no plural rules for the language '\(language)'")
        }
        rules = Rules(opened)
        var categories: Set<String> = []
        if let keywords = swift_uplrules_getKeywords(opened, &status) {
            while let keyword = swift_uenum_next(keywords, nil, &status) { categories.insert(String(cString: keyword)) }
            swift_uenum_close(keywords)
        }
        guard status.rawValue <= U_ZERO_ERROR.rawValue, categories.contains("other") else {
            throw WebError("ICU's plural rules for the language '\(language)' do not list their categories")
        }
        self.categories = categories
    }

    /// The category a whole number falls in; `other` should ICU fail.
    public func category(of number: Int) -> String {
        var status = U_ZERO_ERROR
        var buffer = [UChar](repeating: 0, count: 8)
        let length = swift_uplrules_select(rules.pointer, Double(number), &buffer, Int32(buffer.count), &status)
        guard status.rawValue <= U_ZERO_ERROR.rawValue, length > 0 else { return "other" }
        return String(decoding: buffer[..<Int(length)], as: UTF16.self)
    }

    /// The ICU object, opened once and kept for the life of the process; selecting is read-only, so threads share it.
    private final class Rules: @unchecked Sendable {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { swift_uplrules_close(pointer) }
    }
}
