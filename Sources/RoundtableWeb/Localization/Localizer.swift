import Foundation
public import RoundtableDomain

/// The interface text in one language, falling back to English for any key the language's catalog lacks.
public struct Localizer: Sendable {
    /// The language of the page.
    public let language: WebLanguage
    /// Every key's text: the language's own, else English.
    public let strings: [String: String]

    /// Combines a language's catalog with the English one.
    /// - Parameters:
    ///   - catalog: The language's catalog.
    ///   - english: The English catalog.
    public init(catalog: StringCatalog, english: StringCatalog) {
        language = catalog.language
        strings = english.strings.merging(catalog.strings) { _, own in own }
    }

    /// The text of a key with its `{name}` parameters filled in; the key itself when no catalog has it, so that a
    /// missing string shows rather than vanishes.
    /// - Parameters:
    ///   - key: The catalog key.
    ///   - parameters: The values of the text's parameters.
    public func callAsFunction(_ key: String, _ parameters: [String: String] = [:]) -> String {
        let text = strings[key] ?? key
        guard !parameters.isEmpty else { return text }
        // One pass over the text: each `{name}` of a given parameter is replaced, any other brace kept as written.
        var result = ""
        result.reserveCapacity(text.utf8.count + 32)
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let value = parameters[String(rest[afterOpen..<close])] else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// The name of one value of a group, such as a stage or a vote choice: the key `<group>_<value>`, with the
    /// value's hyphens as underscores (`stage`, `consensus-call` → `stage_consensus_call`).
    public func term(_ group: String, _ value: String, _ parameters: [String: String] = [:]) -> String {
        self("\(group)_\(value.replacingOccurrences(of: "-", with: "_"))", parameters)
    }

    /// A count with the singular or plural form of a key: `<key>.one` for 1, `<key>.other` otherwise, with
    /// `{count}` filled in.
    public func count(_ key: String, _ count: Int, _ parameters: [String: String] = [:]) -> String {
        self(count == 1 ? key + ".one" : key + ".other", parameters.merging(["count": String(count)]) { $1 })
    }

    /// A time as the pages show it: ISO 8601 in UTC, unambiguous in every language.
    public func time(_ timestamp: Timestamp) -> String {
        let text = timestamp.description  // 2026-11-29T12:00:00Z
        guard let separator = text.firstIndex(of: "T"), text.hasSuffix("Z") else { return text }
        return "\(text[..<separator]) \(text[text.index(after: separator)..<text.index(before: text.endIndex)]) UTC"
    }
}
