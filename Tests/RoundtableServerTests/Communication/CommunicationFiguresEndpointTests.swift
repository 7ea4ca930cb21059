import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RoundtableAPI
import RoundtableDomain
import RoundtableNode
import RoundtableServer
import RoundtableTestSupport
import Testing
import TransparencyLog

/// `GET /api/v1/communication` and `/communication`: each member's figures from the public log, with witnessed times.
@Suite("Communication figures: the endpoint and the page")
struct CommunicationFiguresEndpointTests {
    /// A node with the communication record, and a cosigned checkpoint 600 s after the delivery covering it all.
    static func node() async throws -> (ForumNode<InMemoryForumStore>, CommunicationScenario, InMemoryForumStore) {
        let forum = try TestForum()
        let store = InMemoryForumStore()
        let node = try await forum.open(on: store)
        let scenario = try await CommunicationScenario(forum: forum, node: node)
        let size = try await store.entryCount()
        try await store.storeCosignedCheckpoint(
            WitnessedCheckpoint(size: size, note: [], cosigners: ["witness.ee.test"], witnessedAt: CommunicationScenario.deliveredAt.seconds + 600))
        return (node, scenario, store)
    }

    @Test("the figures per member, public with CORS, ETag and no-cache; absent figures are null")
    func endpoint() async throws {
        let (node, scenario, store) = try await Self.node()
        let size = try await store.entryCount()
        try await withNode(node) { client in
            let response = try await client.get("/api/v1/communication")
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.eTag] != nil)
            #expect(response.headers[.cacheControl] == "no-cache")
            let figures = try response.decode(API.CommunicationFigures.self)
            #expect(figures.size == size && figures.requestParties == "sealed")
            #expect(figures.members.map(\.member) == ["ee", "fr", "ke"])
            let (ee, fr, ke) = (figures.members[0], figures.members[1], figures.members[2])
            #expect(ke.contacts == ["diplomatic": 1, "technical": 1, "law-enforcement-24-7": 0])
            #expect(ke.lastCheck == .init(index: scenario.check, openedAt: CommunicationScenario.t0.description, outcome: "answered"))
            #expect(ke.requestsReceived == 1 && ke.acknowledgedInTime == 0 && ke.overdue == 1 && ke.medianSecondsToAcknowledge == nil)
            #expect(fr.requestsReceived == 1 && fr.acknowledgedInTime == 1 && fr.overdue == 0 && fr.medianSecondsToAcknowledge == 600)
            #expect(ee.requestsReceived == 0 && ee.lastCheck == nil && ee.requestsSent == nil, "under sealed parties nothing sent is counted")
            let text = String(buffer: response.body)
            #expect(text.contains(#""median_seconds_to_acknowledge":null"#) && text.contains(#""requests_sent":null"#))
            #expect(!text.contains("Wiper") && !text.contains("duty@"))
            let preflight = try await client.execute(uri: "/api/v1/communication", method: .options, headers: [.origin: "https://auditor.example"])
            #expect(preflight.status == .noContent)
        }
    }

    @Test("the node's figures are those a replay of its public log gives, without the sealed ledger")
    func sameAsReplay() async throws {
        let (node, _, store) = try await Self.node()
        let count = try await store.entryCount()
        var replay = ForumReplay()
        for entry in try await store.entries(from: 0, limit: Int(count)) { replay.apply(entry: entry, checkingSignature: true) }
        let publicState = try #require(replay.state)
        #expect(publicState.communication.ledger == SealedLedger())
        #expect(!node.state.communication.ledger.recipients.isEmpty, "the node knows who was asked; the public does not")
        let times = [try #require(try await store.firstCosignedCheckpoint(including: 0))].map { Timestamp(seconds: $0.witnessedAt) }
        let (figures, size) = try await node.communicationFigures()
        #expect(size == count)
        #expect(figures == CommunicationFigures(state: publicState, actTime: { $0 < count ? times[0] : nil }))
    }

    @Test("the communication page shows each member's figures, in English and French, linked from the navigation")
    func page() async throws {
        let (node, scenario, _) = try await Self.node()
        try await withNode(node) { client in
            let page = try await Page(client, "/communication")
            #expect(page.status == .ok)
            #expect(page.h1 == ["Communication"])
            #expect(page.contains(#"<a href="/communication" aria-current="page">Communication</a>"#))
            #expect(page.contains(#"<caption id="communication-caption">"#))
            #expect(
                page.contains(
                    #"<tr id="communication-fr"><th scope="row"><span lang="en">Member fr</span> <span class="id">(fr)</span></th>"#
                        + "<td>0</td><td>0</td><td>0</td>"
                        + "<td>None yet</td><td>1</td><td>1</td><td>0</td><td>10 minutes</td><td>Sealed</td></tr>"))
            #expect(page.contains(#"<a href="/acts/\#(scenario.check)">Act \#(scenario.check), opened "#))
            #expect(page.contains("answered in time</a></td><td>1</td><td>0</td><td>1</td><td>Not known</td>"))
            let french = try await Page(client, "/communication?lang=fr")
            #expect(french.contains("<td>10 minutes</td><td>Scellé</td>") && french.contains("réponse dans les délais"))
            #expect(try await Page(client, "/members").contains(#"<a href="/communication">Communication</a>"#))
        }
    }
}
