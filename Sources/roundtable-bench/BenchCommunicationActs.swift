import Foundation
import NIOHTTP1
import RoundtableAPI
import RoundtableClient
import RoundtableDomain
import Synchronization
import TransparencyLog

/// The members' communication acts for `bench communication`: signed here, sent through `POST /api/v1/acts` with their
/// sealed documents, each member's in sequence.
final class BenchCommunicationActs: Sendable {
    private let process: BenchNodeProcess
    private let origin: String
    private let members: [String]

    init(process: BenchNodeProcess, origin: String) {
        self.process = process
        self.origin = origin
        members = process.keys.keys.sorted { Int($0.dropFirst())! < Int($1.dropFirst())! }
    }

    /// Each member adds `count` contacts whose webhook is `webhook`, all members at once.
    func addContacts(count: Int, webhook: String) async throws {
        guard count > 0 else { return }
        try await eachMember { member, sequence in
            for number in 1...count {
                let details = ContactDetails(
                    name: "Duty officer \(number)", organisation: "CERT of \(member)", languages: ["en"], hours: "24/7", webhook: webhook)
                let bytes = try SealedDocuments.encode(details)
                let entry = try ContactEntry(id: "c\(number)", role: .technical, details: SealedDocuments.commitment(bytes), key: nil)
                _ = try await self.post(member, sequence + UInt64(number - 1), .contact(.add(entry)), sealed: bytes)
            }
            return UInt64(count)
        }
    }

    /// Every member asks for a check of all its contacts, all members at once.
    func askChecks() async throws {
        try await eachMember { member, sequence in
            _ = try await self.post(member, sequence, .askCheck(contacts: nil))
            return 1
        }
    }

    /// A routine request from one member to another; its index and when the node acknowledged it.
    func sendRequest(from: String, to: String) async throws -> (index: UInt64, at: ContinuousClock.Instant) {
        let sequence = try await nextSequence(from)
        let (body, bytes) = try request(to: to, number: sequence)
        let receipt = try await post(from, sequence, body, sealed: bytes)
        return (receipt.index, .now)
    }

    /// Each of the first `members` members' next `count` request acts, as `POST /api/v1/acts` JSON bodies, to the
    /// member after it.
    func requestActs(members count: Int, count acts: Int) async throws -> [String: [[UInt8]]] {
        let current = try await process.members()
        var bodies: [String: [[UInt8]]] = [:]
        for member in members.prefix(count) {
            let first = current[member]!.nextSeq
            let to = "m\(Int(member.dropFirst())! % count + 1)"
            bodies[member] = try (0..<UInt64(acts)).map { offset in
                let (body, bytes) = try request(to: to, number: first + offset)
                return try json(member, first + offset, body, sealed: bytes)
            }
        }
        return bodies
    }

    private func request(to: String, number: UInt64) throws -> (Act.Body, [UInt8]) {
        let content = RequestContent(
            kind: .information, to: [try MemberID(to)], subject: "Request \(number)", body: "Do you see this indicator?", tlp: "green")
        let bytes = try SealedDocuments.encode(content)
        return (.request(RequestDraft(urgency: .routine, recipients: .sealed(count: 1), content: SealedDocuments.commitment(bytes))), bytes)
    }

    private func nextSequence(_ member: String) async throws -> UInt64 {
        let info: API.Member = try await NodeHTTP.getJSON(process.url + "/api/v1/members/\(member)")
        return info.nextSeq
    }

    /// Runs `body` for every member, 32 at a time, with the member's next sequence number.
    private func eachMember(_ body: @escaping @Sendable (String, UInt64) async throws -> UInt64) async throws {
        let current = try await process.members()
        for start in stride(from: 0, to: members.count, by: 32) {
            try await withThrowingTaskGroup(of: UInt64.self) { group in
                for member in members[start..<min(start + 32, members.count)] {
                    group.addTask { try await body(member, current[member]!.nextSeq) }
                }
                try await group.waitForAll()
            }
        }
    }

    private func json(_ member: String, _ sequence: UInt64, _ body: Act.Body, sealed: [UInt8]?) throws -> [UInt8] {
        let act = Act(origin: origin, actor: .member(try MemberID(member)), sequence: sequence, body: body)
        var object: [String: String] = ["act": String(decoding: try act.signed(by: [process.keys[member]!]).bytes, as: UTF8.self)]
        if let sealed { object["sealed"] = Data(sealed).base64EncodedString() }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    private func post(_ member: String, _ sequence: UInt64, _ body: Act.Body, sealed: [UInt8]? = nil) async throws -> API.ActReceipt {
        let reply = try await NodeHTTP.post(
            process.url + "/api/v1/acts", try json(member, sequence, body, sealed: sealed), headers: ["Content-Type": "application/json"])
        guard reply.status == .created else { throw CLIError("the node refused \(member)'s \(body.type) act: \(reply.text)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(API.ActReceipt.self, from: Data(reply.body))
    }
}
