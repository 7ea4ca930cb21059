import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableDomain
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog
import RoundtableNode
import RoundtableAPI

@Suite("POST /api/v1/acts and GET /api/v1/acts/{index}")
struct ActSubmissionTests {
    let forum = try! TestForum()

    @Test("an accepted act is answered with its index and read back byte for byte")
    func acceptAndRead() async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        let entry = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))])
        try await withNode(node) { client in
            let response = try await client.submit(entry)
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/api/v1/acts/1")
            #expect(try response.decode(API.ActReceipt.self) == API.ActReceipt(index: 1, act: "credential", by: "ee", seq: 1))
            let read = try await client.get("/api/v1/acts/1")
            #expect(read.status == .ok)
            #expect(read.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(Array(buffer: read.body) == entry)
            let genesis = try await client.get("/api/v1/acts/0")
            #expect(String(buffer: genesis.body).hasPrefix("forum.test\nact genesis\nby node\nseq 1\n"))
        }
    }

    @Test(
        "reading an index past the end is 404, and a non-number is 400",
        arguments: [
            ("/api/v1/acts/1", HTTPResponse.Status.notFound, "not_found"),
            ("/api/v1/acts/-1", .badRequest, "bad_index"),
            ("/api/v1/acts/01", .badRequest, "bad_index"),
            ("/api/v1/acts/abc", .badRequest, "bad_index"),
            ("/api/v1/acts/99999999999999999999999", .badRequest, "bad_index"),
        ]
    )
    func badReads(_ uri: String, status: HTTPResponse.Status, code: String) async throws {
        let node = try await forum.open(on: InMemoryForumStore())
        try await withNode(node) { client in
            let response = try await client.get(uri)
            #expect(response.status == status)
            #expect(response.errorCode == code)
        }
    }

    @Test("concurrent submissions from many members all land, at distinct consecutive indexes")
    func concurrentSubmissions() async throws {
        let forum = try TestForum(memberIDs: (1...16).map { "m\($0)" })
        let node = try await forum.open(on: InMemoryForumStore())
        let entries = try await withNode(node) { client in
            try await withThrowingTaskGroup(of: [(UInt64, [UInt8])].self) { group in
                for member in forum.keys.keys {
                    group.addTask {
                        var landed: [(UInt64, [UInt8])] = []
                        for sequence in 1...10 {
                            let token = try TestForum.token("t\(sequence)", sequence * 100 + Int(member.dropFirst())!)
                            let entry = try forum.credentialAct(by: member, seq: UInt64(sequence), [.addToken(token)])
                            let response = try await client.submit(entry)
                            guard response.status == .created else { throw SubmissionFailed(description: "\(response.status)") }
                            landed.append((try response.decode(API.ActReceipt.self).index, entry))
                        }
                        return landed
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
        }
        #expect(entries.map(\.0).sorted() == Array(1...160))
        for (index, entry) in entries { #expect(try await node.store.entry(at: index) == entry) }
        #expect(node.state.members.values.allSatisfy { $0.lastSequence == 10 && $0.tokens.count == 10 })
    }

    @Test("a store failure answers 503 and leaves the state as it was")
    func storageFailure() async throws {
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        await store.setFailure(CocoaError(.fileWriteOutOfSpace))
        let entry = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("taxii", 1))])
        try await withNode(node) { client in
            let response = try await client.submit(entry)
            #expect(response.status == .serviceUnavailable)
            #expect(response.errorCode == "unavailable")
            #expect(node.state.members[try MemberID("ee")]?.lastSequence == 0)
            await store.setFailure(nil)
            #expect(try await client.submit(entry).status == .created)
        }
    }
}
