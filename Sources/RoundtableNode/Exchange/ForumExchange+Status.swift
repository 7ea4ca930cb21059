import Foundation
import RoundtableDomain
import RoundtableExchange
import RoundtableJSON

extension ForumExchange.Added {
    /// The TAXII status resource (TAXII 2.1 §4.3.1) of an envelope: complete, with every success and failure.
    /// - Parameters:
    ///   - id: The status resource's id.
    ///   - requested: When the envelope arrived, in microseconds since 1970.
    ///   - total: How many objects the envelope held.
    func status(id: String, requested: Int64, total: Int) -> [UInt8] {
        func details(_ items: [(String, String, String?)]) -> JSONValue {
            .array(items.map { id, version, message in
                .object([("id", .string(id)), ("version", .string(version))] + (message.map { [("message", .string($0))] } ?? []))
            })
        }
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id)), ("status", .string("complete")), ("request_timestamp", .string(TAXIITimestamp.text(requested))),
            ("total_count", .number(String(total))), ("success_count", .number(String(successes.count))),
        ]
        if !successes.isEmpty { members.append(("successes", details(successes.map { ($0.id, $0.version, nil) }))) }
        members.append(("failure_count", .number(String(failures.count))))
        if !failures.isEmpty { members.append(("failures", details(failures.map { ($0.id, $0.version, $0.message) }))) }
        members.append(("pending_count", .number("0")))
        return JSONValue.object(members).serialized
    }
}
