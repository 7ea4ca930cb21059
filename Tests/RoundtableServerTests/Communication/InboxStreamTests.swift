import AsyncHTTPClient
import Foundation
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableAPI
import RoundtableTestSupport
import Testing

/// The inbox's event stream on a live server: an item appears within a second of the act that makes it, a client
/// resumes with `Last-Event-ID`, and open streams end when the server shuts down (the test would hang otherwise).
@Suite("Inbox event stream on a live server")
struct InboxStreamTests {
    /// Opens the stream for a member and returns the response.
    static func open(port: Int, member: String, lastEventID: UInt64? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/inbox/stream")
        request.headers.add(name: "Authorization", value: "Bearer \(CommunicationEndpointTests.token(member))")
        if let lastEventID { request.headers.add(name: "Last-Event-ID", value: String(lastEventID)) }
        return try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    }

    /// Reads the stream until its text contains `marker`; returns all text read.
    static func read(_ iterator: inout HTTPClientResponse.Body.AsyncIterator, until marker: String, text: String = "") async throws -> String {
        var text = text
        while !text.contains(marker) {
            guard let buffer = try await iterator.next() else { throw StreamEnded(text: text) }
            text += String(buffer: buffer)
        }
        return text
    }

    struct StreamEnded: Error { let text: String }

    /// The stream's latency is measured by `roundtable-bench communication` (BENCHMARKS.md), not asserted here: a busy
    /// machine may delay any one event.
    @Test("a new item is sent on the open stream after its act; Last-Event-ID resumes; streams end at shutdown", .hangGuard)
    func newItemOnTheStream() async throws {
        let forum = try TestForum()
        let node = try await CommunicationEndpointTests.node(forum)
        let (act, sealed) = try CommunicationEndpointTests.contactAct(forum, member: "ke", seq: 2, id: "duty")
        _ = try await node.submit(act, sealed: sealed)
        var configuration = CommunicationEndpointTests.quiet
        configuration.port = 0
        configuration.eventStreamKeepAlive = .milliseconds(200)
        try await withNode(node, configuration: configuration, setup: .live) { client in
            let port = try #require(client.port)
            let response = try await Self.open(port: port, member: "ke")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)
            var events = response.body.makeAsyncIterator()
            // Idle: nothing awaits ke yet, the stream only keeps itself alive.
            var text = try await Self.read(&events, until: ": keep-alive\n\n")
            #expect(!text.contains("event:"))

            let check = try #require(try await node.performDueCommunication(now: CommunicationEndpointTests.t0).first).index
            text = try await Self.read(&events, until: "id: \(check)\nevent: check\ndata: {", text: text)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("data: ") })
            let item = try JSONDecoder().decode(API.InboxItem.self, from: Data(line.dropFirst(6).utf8))
            #expect(item.index == check && item.contacts?.first?.nonce?.count == 32)

            // Another member's stream stays silent; a reconnecting client resumes after its last event.
            let other = try await Self.open(port: port, member: "fr")
            var silent = other.body.makeAsyncIterator()
            #expect(!(try await Self.read(&silent, until: ": keep-alive\n\n")).contains("event:"))
            let resumed = try await Self.open(port: port, member: "ke", lastEventID: check - 1)
            var again = resumed.body.makeAsyncIterator()
            _ = try await Self.read(&again, until: "id: \(check)\n")
            let caughtUp = try await Self.open(port: port, member: "ke", lastEventID: check)
            var none = caughtUp.body.makeAsyncIterator()
            #expect(!(try await Self.read(&none, until: ": keep-alive\n\n")).contains("id: \(check)"))
            // Four streams are still open here: the server's graceful shutdown must end them all.
        }
    }
}
