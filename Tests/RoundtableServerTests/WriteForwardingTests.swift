import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing

/// A front-end that does not lead forwards writes to the one that does, once: a request another front-end forwarded is
/// answered where it arrives, so two front-ends that each think the other leads never pass a request back and forth.
@Suite("Write forwarding between front-ends")
struct WriteForwardingTests {
    let forum = try! TestForum(origin: "forwarding.test", memberIDs: ["ee"])

    /// A prepared forum that has not started, as a front-end's is while it follows or takes the lead.
    private func follower() async throws -> ForumNode<InMemoryForumStore> {
        try await ForumNode.prepare(
            store: InMemoryForumStore(), nodeSigner: forum.node, origin: forum.origin,
            founding: .init(forumName: "Test forum", founders: try forum.founders, rules: forum.rules), logger: Logger(label: "test"))
    }

    @Test("a write is forwarded to the leader's URL; one already forwarded is answered here (503 starting), and reads are never forwarded")
    func forwardedOnce() async throws {
        var configuration = RoundtableConfiguration()
        // A leader that cannot be reached: a forwarded write fails with 503 leader_unreachable.
        configuration.leaderForWrites = { "http://127.0.0.1:1" }
        let node = try await follower()
        let entry = try forum.credentialAct(by: "ee", seq: 1, [.addToken(try TestForum.token("t", 1))])
        try await withNode(node, configuration: configuration) { client in
            let sent = try await client.submit(entry)
            #expect(sent.status == .serviceUnavailable && sent.errorCode == "leader_unreachable")
            for forwarded in ["by=front-end", "for=10.0.0.1, by=front-end", "for=10.0.0.1;by=front-end"] {
                let again = try await client.submit(entry, headers: [HTTPField.Name("Forwarded")!: forwarded])
                #expect(again.status == .serviceUnavailable && again.errorCode == "starting", "\(forwarded)")
                #expect(again.headers[.retryAfter] == "1")
            }
            #expect(try await client.get("/api/v1/members").status == .ok)
        }
        #expect(try await node.store.entryCount() == 0, "nothing was written")
    }
}
