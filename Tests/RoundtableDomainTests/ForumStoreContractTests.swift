import Foundation
import RoundtableDomain
import RoundtableTestSupport
import Testing

/// The store contract itself: the in-memory store meets it, and it names every requirement of the protocols a store
/// implements, read from their source, so that a requirement added to a protocol without a check fails here.
@Suite("Forum store contract")
struct ForumStoreContractTests {
    @Test("the in-memory store meets the forum store contract", arguments: ForumStoreContract.checks)
    func inMemoryContract(_ check: ForumStoreContract.Check) async throws {
        try await check.run(on: .fresh { InMemoryForumStore() })
    }

    /// The protocols `ForumStore` composes, and the file that declares each, under `Sources/`.
    static let protocols = [
        ("ForumLogStore", "RoundtableDomain/Storage/ForumLogStore.swift"),
        ("LogStorage", "TransparencyLog/Log/LogStorage.swift"),
        ("ForumStateStore", "RoundtableDomain/Storage/ForumStateStore.swift"),
        ("DocumentStore", "RoundtableDomain/Storage/DocumentStore.swift"),
        ("ExchangeStorage", "RoundtableDomain/Exchange/ExchangeStorage.swift"),
        ("CommunicationStore", "RoundtableDomain/Storage/CommunicationStore.swift"),
    ]

    @Test("the contract names exactly the requirements the store protocols declare, and its checks exercise each")
    func contractCoversEveryRequirement() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var declared: Set<String> = []
        for (name, file) in Self.protocols {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            declared.formUnion(try Self.requirements(of: name, in: text).map { "\(name).\($0)" })
        }
        #expect(declared.count >= 22)
        #expect(Set(ForumStoreContract.Requirement.allCases.map(\.rawValue)) == declared)
        let exercised = Set(ForumStoreContract.checks.flatMap(\.requirements))
        #expect(Set(ForumStoreContract.Requirement.allCases).subtracting(exercised).isEmpty)
    }

    /// The functions a protocol declares, as `name(label:label:)`.
    static func requirements(of name: String, in text: String) throws -> [String] {
        let start = try #require(text.range(of: "public protocol \(name)"), "no protocol \(name)")
        var body = text[start.upperBound...]
        body = body[try #require(body.firstIndex(of: "{"))...]
        var depth = 0
        var end = body.startIndex
        for index in body.indices {
            if body[index] == "{" { depth += 1 }
            if body[index] == "}" {
                depth -= 1
                if depth == 0 {
                    end = index
                    break
                }
            }
        }
        return body[..<end].split(separator: "\n").compactMap { line -> String? in
            let code = line.trimmingCharacters(in: .whitespaces)
            guard code.hasPrefix("func "), let open = code.firstIndex(of: "("), let close = code.firstIndex(of: ")") else { return nil }
            let function = code[code.index(code.startIndex, offsetBy: 5)..<open]
            let parameters = code[code.index(after: open)..<close].split(separator: ",").map { parameter in
                String(parameter.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "_").replacingOccurrences(of: ":", with: "")
            }
            return "\(function)(\(parameters.map { "\($0):" }.joined()))"
        }
    }
}
