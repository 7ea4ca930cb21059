import Foundation

/// Chooses the language of a page: the one asked for in the query (`?lang=fr`, the language switch), else the one
/// remembered in the `lang` cookie, else the best match of the `Accept-Language` header, else English.
public enum LanguageNegotiation {
    /// Chooses among the available languages.
    /// - Parameters:
    ///   - query: The `lang` query parameter.
    ///   - cookie: The `lang` cookie.
    ///   - acceptLanguage: The `Accept-Language` header.
    ///   - available: The languages the pages can be read in.
    public static func choose(query: String?, cookie: String?, acceptLanguage: String?, available: [WebLanguage]) -> WebLanguage {
        for asked in [query, cookie].compactMap({ $0 }) {
            if let language = available.first(where: { $0.code == asked.lowercased() }) { return language }
        }
        for range in ranges(acceptLanguage ?? "") {
            let primary = range.split(separator: "-").first.map { String($0) } ?? range
            if let language = available.first(where: { $0.code == primary }) { return language }
        }
        return available.first { $0 == .english } ?? available.first ?? .english
    }

    /// The language ranges of an `Accept-Language` header, most preferred first (ties keep header order); ranges
    /// with `q=0` are left out.
    static func ranges(_ header: String) -> [String] {
        let weighted = header.split(separator: ",").enumerated().compactMap { position, item -> (String, Double, Int)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first?.lowercased(), !range.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") { quality = Double(parameter.dropFirst(2)) ?? 0 }
            return quality > 0 ? (range, quality, position) : nil
        }
        return weighted.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.map(\.0)
    }
}
