import Crypto
import Foundation
import NIOHTTP1
import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

@testable import roundtable
import RoundtableClient

/// A node whose disk is full: a real `roundtable serve` on a small ext4 file system that fills up. Its writes answer
/// 503 with `Retry-After` and the documented error body, nothing is written, and the same requests succeed once
/// there is room again, without a restart.
@Suite("A full disk", .serialized)
struct FullDiskTests {
    static let token = "m1-full-disk-token"
    static let taxii = "application/taxii+json;version=2.1"

    @Test("documents, acts and TAXII envelopes answer 503 store_unavailable with Retry-After, change nothing, and succeed once freed")
    func fullDisk() async throws {
        let directory = NSTemporaryDirectory() + "roundtable-full-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let disk = try LoopDisk(directory: directory, megabytes: 32)
        let forum = try TestForum(origin: "full.test", memberIDs: ["m1"])
        let data = disk.mountPoint + "/data"
        let node = try DurabilityTests.startNode(forum: forum, directory: directory, data: data, log: directory + "/node.log")
        try await node.waitUntilServing()
        let url = node.url

        let registration = try APIToken(label: "full", sha256: Array(SHA256.hash(data: Array(Self.token.utf8))))
        #expect(try await postAct(try forum.credentialAct(by: "m1", seq: 1, [.addToken(registration)]), to: url).0 == .created)
        let collection = try await Self.createCollection(url, admin: try String(contentsOfFile: data + "/admin.token", encoding: .utf8))
        let entries = try await Self.entryCount(url)
        let document = Array(String(repeating: "A proposal's text that the full disk cannot take.\n", count: 1_000).utf8)
        let act = try forum.credentialAct(by: "m1", seq: 2, [.addToken(try TestForum.token("second", 2))])
        let envelope = Self.envelope()

        try disk.fill()
        for refused in [try await Self.postDocument(url, document), try await NodeHTTP.postAct(act, node: url)] {
            #expect(refused.status == .serviceUnavailable, "\(refused.text)")
            #expect(refused.headers.first(name: "Retry-After") == "30")
            #expect(refused.headers.first(name: "Content-Type") == "application/json; charset=utf-8")
            let error = try JSONDecoder().decode(ErrorReply.self, from: Data(refused.body)).error
            #expect(error.code == "store_unavailable")
            #expect(error.message.contains("full") && error.message.contains("free space"), "\(error.message)")
        }
        let refusedEnvelope = try await Self.postEnvelope(url, collection, envelope)
        #expect(refusedEnvelope.status == .serviceUnavailable, "\(refusedEnvelope.text)")
        #expect(refusedEnvelope.headers.first(name: "Retry-After") == "30")
        #expect(refusedEnvelope.headers.first(name: "Content-Type") == Self.taxii)
        #expect(refusedEnvelope.text.contains("\"http_status\":\"503\""))

        // Nothing changed, and the node still serves and counts as healthy.
        let digest = Hex.encode(Array(SHA256.hash(data: document)))
        #expect(try await NodeHTTP.get(url + "/api/v1/documents/\(digest)").status == .notFound)
        #expect(try await Self.entryCount(url) == entries)
        #expect(try await NodeHTTP.get(url + "/api/v1/members/m1").text.contains("\"next_seq\":2"))
        #expect(try await NodeHTTP.get(url + "/healthz").status == .ok)

        try disk.unfill()
        #expect(try await Self.postDocument(url, document).status == .created)
        #expect(try await NodeHTTP.postAct(act, node: url).status == .created)
        #expect(try await Self.postEnvelope(url, collection, envelope).status == .accepted)
        #expect(node.stop() == 0)
    }

    struct ErrorReply: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    static func entryCount(_ url: String) async throws -> Int {
        let forum = try JSONSerialization.jsonObject(with: Data(try await NodeHTTP.get(url + "/api/v1/forum").body)) as? [String: Any]
        return try #require(forum?["entries"] as? Int)
    }

    static func createCollection(_ url: String, admin: String) async throws -> String {
        let body = #"{"alias":"full","title":"Full disk","default_tlp":"amber"}"#
        let reply = try await NodeHTTP.post(
            url + "/api/v1/admin/collections", Array(body.utf8),
            headers: ["Content-Type": "application/json", "Authorization": "Bearer " + admin.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(reply.status == .created, "\(reply.text)")
        let created = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        return try #require(created?["id"] as? String)
    }

    static func postDocument(_ url: String, _ text: [UInt8]) async throws -> NodeHTTP.Reply {
        try await NodeHTTP.post(
            url + "/api/v1/documents", text, headers: ["Content-Type": "text/plain; charset=utf-8", "Authorization": "Bearer " + token])
    }

    static func postEnvelope(_ url: String, _ collection: String, _ envelope: String) async throws -> NodeHTTP.Reply {
        let basic = "Basic " + Data("m1:\(token)".utf8).base64EncodedString()
        return try await NodeHTTP.post(
            url + "/taxii2/forum/collections/\(collection)/objects/", Array(envelope.utf8),
            headers: ["Content-Type": taxii, "Accept": taxii, "Authorization": basic])
    }

    static func envelope() -> String {
        let id = "indicator--\(UUID().uuidString.lowercased())"
        return #"{"objects":[{"type":"indicator","spec_version":"2.1","id":""# + id
            + #"","created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z","name":"full disk","#
            + #""pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-03-01T00:00:00Z","#
            + #""object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}]}"#
    }
}
