import Foundation
import Hummingbird
import RoundtableDomain
import RoundtableExchange

/// The query parameters of the TAXII read endpoints (§3.4), parsed strictly: a malformed one is a 400.
struct TAXIIFilters {
    /// The default and largest page size.
    static let defaultLimit = 100
    static let maximumLimit = 1_000
    /// The filters of the objects and manifest endpoints.
    static let listFilters: Set<String> = ["added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"]

    var addedAfter: Int64?
    var limit = defaultLimit
    var next: String?
    var ids: Set<String>?
    var types: Set<String>?
    var versions: VersionMatch = .last
    var specVersions: Set<String>?
    /// Every filter but `next`, which a `next` token is bound to (``PageCursor/query(collection:endpoint:filters:)``).
    var bound: [(name: String, value: String)] = []

    init(_ request: Request, allowed: Set<String>, defaultVersions: VersionMatch = .last) throws {
        versions = defaultVersions
        var seen = Set<String>()
        for (name, value) in request.uri.queryParameters {
            // Clients percent-encode the brackets of match[…] (match%5Btype%5D). Hummingbird has decoded the values
            // already: decoding them again would read `%2541` as `A`.
            let key = String(name).removingPercentEncoding ?? String(name)
            let text = String(value)
            guard seen.insert(key).inserted else { throw TAXIIError.badRequest("the parameter \(key) is given twice; give each at most once") }
            guard allowed.contains(key) || !key.hasPrefix("match[") && !["added_after", "limit", "next"].contains(key) else {
                throw TAXIIError.badRequest("this endpoint does not take \(key)")
            }
            guard allowed.contains(key) else { continue }
            if key != "next" { bound.append((key, text)) }
            switch key {
            case "added_after":
                guard let micros = TAXIITimestamp.microseconds(text) else {
                    throw TAXIIError.badRequest("added_after must be a timestamp such as 2026-11-29T10:00:00.000000Z")
                }
                addedAfter = micros
            case "limit":
                guard let number = Int(text), number > 0, String(number) == text else {
                    throw TAXIIError.badRequest("limit must be a positive integer")
                }
                limit = min(number, Self.maximumLimit)
            case "next": next = text
            case "match[id]": ids = try list(text, key)
            case "match[type]": types = try list(text, key)
            case "match[spec_version]": specVersions = try list(text, key)
            case "match[version]":
                let values = try list(text, key)
                if values == ["last"] {
                    versions = .last
                } else if values == ["first"] {
                    versions = .first
                } else if values == ["all"] {
                    versions = .all
                } else {
                    var exact = Set<Int64>()
                    for value in values {
                        guard let timestamp = STIXTimestamp(value) else {
                            throw TAXIIError.badRequest("match[version] takes first, last, all, or timestamps; '\(value)' is none of them")
                        }
                        exact.insert(timestamp.microseconds)
                    }
                    versions = .exact(exact)
                }
            default: break
            }
        }
    }

    private func list(_ text: String, _ key: String) throws -> Set<String> {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !values.contains(where: \.isEmpty) else { throw TAXIIError.badRequest("\(key) has an empty value") }
        return Set(values)
    }

    /// The query these filters make on a collection, resuming after a cursor position.
    func query(collection: String, after position: Int64?, objectIDs: Set<String>? = nil) -> ExchangeQuery {
        ExchangeQuery(
            collection: collection, addedAfter: [addedAfter, position].compactMap { $0 }.max(), objectIDs: objectIDs ?? ids, types: types,
            versions: versions, specVersions: specVersions, limit: limit)
    }
}
