import Foundation

/// The interface text of one language: a flat JSON object from key to text, `Strings/<code>.json` in this module's
/// resources. Text may name parameters in braces, `{count}`, which ``Localizer`` fills in.
public struct StringCatalog: Sendable {
    /// The language.
    public let language: WebLanguage
    /// The text of each key.
    public let strings: [String: String]

    /// Creates a catalog from its strings.
    public init(language: WebLanguage, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    /// Loads the catalog of every official language that has one among the module's resources.
    /// - Throws: ``WebError`` when a catalog is not a JSON object of strings.
    public static func bundled() throws -> [StringCatalog] {
        try WebLanguage.official.compactMap { language in
            guard let url = Bundle.module.url(forResource: language.code, withExtension: "json", subdirectory: "Strings") else { return nil }
            return try StringCatalog(language: language, json: try Data(contentsOf: url))
        }
    }

    /// Parses a catalog.
    /// - Parameters:
    ///   - language: Its language.
    ///   - json: A JSON object whose values are strings.
    init(language: WebLanguage, json: Data) throws {
        guard let strings = try? JSONDecoder().decode([String: String].self, from: json) else {
            throw WebError("the string catalog for '\(language.code)' is not a JSON object of strings")
        }
        self.init(language: language, strings: strings)
    }
}
