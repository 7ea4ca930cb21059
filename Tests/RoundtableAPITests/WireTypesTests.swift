import Foundation
import RoundtableAPI
import Testing

/// The wire types against the OpenAPI document they are described by: each type encodes exactly the properties its
/// schema lists, the required ones always and the others only when set, and the document in the build is the one in
/// the repository.
@Suite("Wire types match the OpenAPI document")
struct WireTypesTests {
    /// A wire type's schema name, and two values: one with every optional field set, one with none.
    struct Case: CustomStringConvertible, Sendable {
        let schema: String
        let full: any Encodable & Sendable
        let minimal: any Encodable & Sendable
        var description: String { schema }
    }

    static let counts = API.Proposal.Counts(electorate: 3, yes: 2, no: 0, abstain: 1)
    static let event = API.Proposal.Event(event: "proposed", index: 4, at: "2026-11-30T00:00:00Z", member: "ee")
    static let ballot = API.Proposal.Ballot(
        index: 9, opens: "2026-11-30T00:00:00Z", closes: "2026-12-01T00:00:00Z", threshold: "simple", quorum: "1/2", rulesVersion: 1,
        electorate: ["ee"], votes: [.init(member: "ee", choice: "yes", index: 10, replaced: 0)],
        cast: [.init(member: "ee", choice: "yes", index: 10)], tally: counts, closedAt: 11)
    static let decision = API.Proposal.Decision(
        index: 12, at: "2026-12-01T00:00:00Z", outcome: "adopted", threshold: "simple", quorum: "1/2", counts: counts, counted: [9, 11])

    static let cases: [Case] = [
        Case(
            schema: "SignInChallenge", full: API.SignInChallenge(challenge: "c", message: "m", expiresIn: 300),
            minimal: API.SignInChallenge(challenge: "c", message: "m", expiresIn: 300)),
        Case(
            schema: "Session", full: API.Session(member: "ee", name: "n", key: "k", contactKey: false, csrf: "t", nextSeq: 2),
            minimal: API.Session(member: "ee", name: "n", key: "k", contactKey: true, csrf: "t", nextSeq: 1)),
        Case(
            schema: "Forum",
            full: API.Forum(origin: "o", name: "n", nodeKey: "k", members: 1, entries: 2),
            minimal: API.Forum(origin: "o", name: "n", nodeKey: "k", members: 1, entries: 2)
        ),
        Case(schema: "Member", full: member, minimal: member),
        Case(schema: "MemberList", full: API.MemberList(members: [member]), minimal: API.MemberList(members: [])),
        Case(
            schema: "ProposalSummary",
            full: API.ProposalSummary(id: 1, kind: "resolution", title: "t", proposer: "ee", stage: "decided", outcome: "adopted"),
            minimal: API.ProposalSummary(id: 1, kind: "resolution", title: "t", proposer: "ee", stage: "draft", outcome: nil)),
        Case(schema: "ProposalList", full: API.ProposalList(proposals: []), minimal: API.ProposalList(proposals: [])),
        Case(schema: "ProposalEvent", full: event, minimal: API.Proposal.Event(event: "proposed", index: 4, at: nil, member: nil)),
        Case(
            schema: "Vote",
            full: API.Proposal.Vote(member: "ee", choice: "no", index: 1, replaced: 0),
            minimal: API.Proposal.Vote(member: "ee", choice: "no", index: 1, replaced: 0)
        ),
        Case(
            schema: "VoteCast",
            full: API.Proposal.Cast(member: "ee", choice: "no", index: 1),
            minimal: API.Proposal.Cast(member: "ee", choice: "no", index: 1)
        ),
        Case(schema: "VoteCounts", full: counts, minimal: counts),
        Case(
            schema: "Ballot", full: ballot,
            minimal: API.Proposal.Ballot(
                index: 9, opens: "o", closes: "c", threshold: "simple", quorum: "1/2", rulesVersion: 1, electorate: [], votes: [], cast: [],
                tally: counts, closedAt: nil)),
        Case(
            schema: "Decision", full: decision,
            minimal: API.Proposal.Decision(index: nil, at: "a", outcome: "no-decision", threshold: nil, quorum: nil, counts: nil, counted: nil)),
        Case(
            schema: "VoteExplanation",
            full: API.Proposal.Explanation(member: "ee", index: 1, text: "t"),
            minimal: API.Proposal.Explanation(member: "ee", index: 1, text: "t")
        ),
        Case(schema: "Proposal", full: proposal(ballot: ballot, decision: decision), minimal: proposal(ballot: nil, decision: nil)),
        Case(
            schema: "RulesVersion", full: API.Rules.Version(version: 2, proposal: 5, since: 40, rules: ["quorum 1/2"]),
            minimal: API.Rules.Version(version: 1, proposal: nil, since: 0, rules: [])),
        Case(schema: "Rules", full: API.Rules(version: 1, rules: [], history: []), minimal: API.Rules(version: 1, rules: [], history: [])),
        Case(
            schema: "ActReceipt",
            full: API.ActReceipt(index: 1, act: "vote", by: "ee", seq: 2),
            minimal: API.ActReceipt(index: 1, act: "vote", by: "ee", seq: 2)
        ),
        Case(
            schema: "WitnessedTime",
            full: API.WitnessedTime(index: 4, checkpointSize: 9, loggedNoLaterThan: "2026-11-30T10:00:00Z", cosigners: ["w.ee.test"]),
            minimal: API.WitnessedTime(index: 4, checkpointSize: 9, loggedNoLaterThan: "2026-11-30T10:00:00Z", cosigners: [])
        ),
        Case(
            schema: "WitnessedCheckpoint",
            full: API.WitnessedCheckpointList.Checkpoint(size: 9, witnessedAt: "2026-11-30T10:00:00Z", cosigners: ["w"], note: "n"),
            minimal: API.WitnessedCheckpointList.Checkpoint(size: 9, witnessedAt: "2026-11-30T10:00:00Z", cosigners: [], note: "n")),
        Case(
            schema: "WitnessedCheckpointList", full: API.WitnessedCheckpointList(checkpoints: [], more: false),
            minimal: API.WitnessedCheckpointList(checkpoints: [], more: false)),
        Case(
            schema: "CommunicationFigures", full: API.CommunicationFigures(size: 9, requestParties: "sealed", members: [communication]),
            minimal: API.CommunicationFigures(size: 1, requestParties: "public", members: [])),
        Case(
            schema: "MemberCommunication", full: communication,
            minimal: API.MemberCommunication(
                member: "fr", contacts: [:], lastCheck: nil, requestsReceived: 0, acknowledgedInTime: 0, overdue: 0,
                medianSecondsToAcknowledge: nil, requestsSent: nil)),
        Case(schema: "LastCheck", full: lastCheck, minimal: lastCheck),
        Case(schema: "DocumentCreated", full: API.DocumentCreated(sha256: "00", url: "/u"), minimal: API.DocumentCreated(sha256: "00", url: "/u")),
        Case(
            schema: "NewCollection",
            full: API.NewCollection(alias: "a", title: "t", audience: "all", read: "all", write: "ee", public: true, defaultTLP: "amber"),
            minimal: API.NewCollection(alias: "a", title: "t")),
        Case(
            schema: "CollectionCreated",
            full: API.CollectionCreated(id: "i", alias: "a", index: 3),
            minimal: API.CollectionCreated(id: "i", alias: "a", index: 3)
        ),
        Case(
            schema: "ExchangeReceipt",
            full: API.ExchangeReceipt(collection: "c", objectID: "o", version: "v", object: "{}", line: "add", salt: "00", logIndex: 7),
            minimal: API.ExchangeReceipt(collection: "c", objectID: "o", version: "v", object: "{}", line: "add", salt: nil, logIndex: 7)),
        Case(schema: "ErrorBody", full: API.ErrorBody(code: "c", message: "m"), minimal: API.ErrorBody(code: "c", message: "m")),
        Case(schema: "ErrorDetail", full: API.ErrorBody.Detail(code: "c", message: "m"), minimal: API.ErrorBody.Detail(code: "c", message: "m")),
    ] + communicationCases

    static let item = API.InboxItem(
        index: 9, kind: "check", check: 9, contacts: [.init(id: "duty", nonce: "00")], request: 4, delivery: 5, party: "ke", urgency: "urgent",
        deadline: "2026-11-30T00:00:00Z", status: "accepted", outcome: "resolved")
    static let details = API.ContactDetails(
        salt: "00", name: "n", title: "t", organisation: "o", languages: ["en"], hours: "24/7", timeZone: "UTC", email: "e", phone: "p",
        webhook: "w")
    static let minimalDetails = API.ContactDetails(
        salt: "00", name: "n", title: nil, organisation: "o", languages: ["en"], hours: "24/7", timeZone: nil, email: nil, phone: nil, webhook: nil)
    static let content = API.CommunicationRequest.Content(
        kind: "assistance", to: ["ke"], subject: "s", body: "b", tlp: "amber", references: ["indicator--1"], answerBy: "2026-12-01T00:00:00Z")
    static let attempt = API.CommunicationRequest.Attempt(
        contact: "duty", channel: "webhook", attempt: 1, delivered: true, detail: "200", at: "2026-11-30T00:00:00Z", final: true)
    static let answer = API.CommunicationRequest.Answer(index: 7, status: "provided", content: .init(body: "b"))
    static let delivery = API.CommunicationRequest.Delivery(
        index: 5, recipient: "ke", at: "a", ackBy: "b", acknowledged: 6, overdue: 8, answers: [answer], attempts: [attempt])
    static let request = API.CommunicationRequest(
        index: 4, requester: "ee", urgency: "urgent", content: content, outcome: "resolved", closedAt: 9, deliveries: [delivery])

    static let communicationCases: [Case] = [
        Case(
            schema: "SealedSubmission", full: API.SealedSubmission(act: "a", sealed: "AA=="),
            minimal: API.SealedSubmission(act: "a", sealed: nil)),
        Case(
            schema: "InboxContact", full: API.InboxItem.Contact(id: "duty", nonce: "00"),
            minimal: API.InboxItem.Contact(id: "duty", nonce: nil)),
        Case(schema: "InboxItem", full: item, minimal: API.InboxItem(index: 9, kind: "request")),
        Case(schema: "Inbox", full: API.Inbox(items: [item], next: 9), minimal: API.Inbox(items: [], next: nil)),
        Case(schema: "ContactDetails", full: details, minimal: minimalDetails),
        Case(
            schema: "Contact",
            full: API.Contact(
                member: "ee", id: "duty", role: "technical", key: "k", since: 3, lastChecked: "l", details: details, detailsSHA256: "00"),
            minimal: API.Contact(
                member: "ee", id: "duty", role: "technical", key: nil, since: 3, lastChecked: nil, details: nil, detailsSHA256: "00")),
        Case(schema: "ContactList", full: API.ContactList(contacts: []), minimal: API.ContactList(contacts: [])),
        Case(
            schema: "RequestContent", full: content,
            minimal: API.CommunicationRequest.Content(
                kind: "assistance", to: [], subject: "s", body: "b", tlp: "red", references: [], answerBy: nil)),
        Case(
            schema: "AnswerContent", full: API.CommunicationRequest.AnswerContent(body: "b"),
            minimal: API.CommunicationRequest.AnswerContent(body: "b")),
        Case(schema: "RequestAnswer", full: answer, minimal: API.CommunicationRequest.Answer(index: 7, status: "accepted", content: nil)),
        Case(
            schema: "DeliveryAttempt", full: attempt,
            minimal: API.CommunicationRequest.Attempt(
                contact: nil, channel: "mail", attempt: 1, delivered: false, detail: "d", at: "a", final: false)),
        Case(
            schema: "RequestDelivery", full: delivery,
            minimal: API.CommunicationRequest.Delivery(
                index: 5, recipient: "ke", at: "a", ackBy: "b", acknowledged: nil, overdue: nil, answers: [], attempts: nil)),
        Case(
            schema: "CommunicationRequest", full: request,
            minimal: API.CommunicationRequest(
                index: 4, requester: "ee", urgency: "routine", content: nil, outcome: nil, closedAt: nil, deliveries: [])),
        Case(schema: "RequestList", full: API.RequestList(requests: [request]), minimal: API.RequestList(requests: [])),
    ]

    static let lastCheck = API.LastCheck(index: 4, openedAt: "2026-11-30T10:00:00Z", outcome: "pending")
    static let communication = API.MemberCommunication(
        member: "ke", contacts: ["diplomatic": 1, "technical": 2, "law-enforcement-24-7": 0], lastCheck: lastCheck, requestsReceived: 3,
        acknowledgedInTime: 2, overdue: 1, medianSecondsToAcknowledge: 600, requestsSent: 1)

    static let member = API.Member(id: "ee", displayName: "Estonia", status: "active", keys: ["k"], tokens: ["cert"], nextSeq: 1)

    static func proposal(ballot: API.Proposal.Ballot?, decision: API.Proposal.Decision?) -> API.Proposal {
        API.Proposal(
            id: 1, kind: "resolution", title: "t", proposer: "ee", stage: "decided", textSha256: "00", textURL: "/u", subject: [],
            timeline: [event], objections: [], ballot: ballot, explanations: [], decision: decision)
    }

    /// The document's `components.schemas`.
    static func schemas() throws -> [String: [String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(try API.openAPIDocument())) as? [String: Any]
        let components = document?["components"] as? [String: Any]
        return try #require(components?["schemas"] as? [String: [String: Any]])
    }

    static func keys(_ value: any Encodable) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
        return Set(try #require(object).keys)
    }

    @Test("each wire type encodes exactly its schema's properties, the required ones always", arguments: cases)
    func matchesSchema(_ wire: Case) throws {
        let schema = try #require(try Self.schemas()[wire.schema], "the document has no schema \(wire.schema)")
        let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        let required = Set(schema["required"] as? [String] ?? [])
        #expect(try Self.keys(wire.full) == properties, "with every optional field set")
        #expect(try Self.keys(wire.minimal) == required, "with no optional field set")
    }

    @Test("every object schema of the document has a wire type here, but the TAXII error message")
    func everySchemaCovered() throws {
        let objects = try Self.schemas().filter { $0.value["type"] as? String == "object" }.map(\.key)
        #expect(Set(objects).subtracting(Self.cases.map(\.schema)) == ["TAXIIErrorMessage"])
    }

    @Test("the document in the build is the repository's openapi.json, byte for byte, and is OpenAPI 3.1")
    func documentIsTheRepositorys() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RoundtableAPI/openapi.json")
        #expect(try API.openAPIDocument() == Array(try Data(contentsOf: repository)))
        let document = try JSONSerialization.jsonObject(with: Data(try API.openAPIDocument())) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
    }
}
