import Foundation
public import RoundtableDomain

/// The interface text in one language, falling back to English for any key the language's catalog lacks, with the
/// language's own plural forms, numbers and dates (CLDR data, through Foundation and its ICU).
public struct Localizer: Sendable {
    /// The language of the page.
    public let language: WebLanguage
    /// Every key's text: the language's own, else English.
    public let strings: [String: String]
    /// The language's plural rules.
    public let plurals: PluralRules
    private let numberStyle: IntegerFormatStyle<Int>
    private let timeStyle: Date.FormatStyle

    /// Combines a language's catalog with the English one.
    /// - Parameters:
    ///   - catalog: The language's catalog.
    ///   - english: The English catalog.
    /// - Throws: ``WebError`` when ICU has no plural rules for the language.
    public init(catalog: StringCatalog, english: StringCatalog) throws {
        language = catalog.language
        strings = english.strings.merging(catalog.strings) { _, own in own }
        plurals = try PluralRules(language: catalog.language.code)
        let locale = Locale(identifier: catalog.language.code)
        numberStyle = IntegerFormatStyle<Int>(locale: locale)
        // Every time is a time in UTC, named as the language names it; the calendar is the Gregorian one of the acts.
        timeStyle = Date.FormatStyle(
            date: .long, time: .standard, locale: locale, calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Etc/UTC")!
        ).timeZone(.specificName(.short))
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

    /// A count in the plural form its number takes in the language: `<key>.<category>`, the CLDR category of the
    /// number (`home_members.one`, `home_members.few`), else `<key>.other`; with `{count}` filled in as the language
    /// writes numbers.
    public func count(_ key: String, _ count: Int, _ parameters: [String: String] = [:]) -> String {
        let form = key + "." + plurals.category(of: count)
        return self(strings[form] == nil ? key + ".other" : form, parameters.merging(["count": number(count)]) { $1 })
    }

    /// A number as the language writes it: `1,234` in English, `1 234` in French, `1.234` in Spanish.
    public func number(_ value: Int) -> String { value.formatted(numberStyle) }

    /// A time as the language writes it, in UTC and saying so: `November 29, 2026 at 10:00:00 AM UTC`,
    /// `29 novembre 2026 à 10:00:00 UTC`.
    public func time(_ timestamp: Timestamp) -> String {
        Date(timeIntervalSince1970: TimeInterval(timestamp.seconds)).formatted(timeStyle)
    }
}
