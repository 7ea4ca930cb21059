import RoundtableDomain
import RoundtableTestSupport
import Testing
import TransparencyLog

/// What the node keeps in memory of the sealed documents: the details of the current contacts, which every notice
/// needs; the content of requests and answers stays in the store.
@Suite("Sealed ledger")
struct SealedLedgerTests {
    @Test("the ledger holds a contact's current details only; a request's and an answer's content are left to the store")
    func keepsContactDetailsOnly() throws {
        var forum = try CommunicationRulesTests.Forum()
        func contact(_ name: String, update: Bool = false) throws -> (index: UInt64, details: [UInt8]) {
            let details = try SealedDocuments.encode(
                ContactDetails(name: name, organisation: "CERT", languages: ["en"], hours: "24/7", email: "duty@cert.example"))
            let entry = try ContactEntry(id: "duty", role: .technical, details: SealedDocuments.commitment(details), key: nil)
            return (try forum.member("ke", .contact(update ? .update(entry) : .add(entry)), sealed: details), details)
        }
        let ke = try MemberID("ke")

        let first = try contact("First officer")
        #expect(forum.state.communication.ledger.documents[first.index] == first.details)
        let second = try contact("Second officer", update: true)
        #expect(forum.state.communication.ledger.documents[first.index] == nil, "details a contact no longer has are let go")
        #expect(forum.state.communication.ledger.documents[second.index] == second.details)
        let duty = try #require(forum.state.communication.contacts[ke]?["duty"])
        #expect(forum.state.communication.ledger.details(of: duty)?.name == "Second officer", "the current details, decoded")

        let content = try SealedDocuments.encode(
            RequestContent(kind: .information, to: [ke], subject: "Indicator", body: "Do you see it?", tlp: "green"))
        let draft = RequestDraft(urgency: .routine, recipients: .sealed(count: 1), content: SealedDocuments.commitment(content))
        let request = try forum.member("ee", .request(draft), sealed: content)
        #expect(forum.state.communication.requests[request] != nil)
        #expect(forum.state.communication.ledger.documents[request] == nil, "a request's content is read from the store")
        #expect(forum.state.communication.ledger.recipients[request] == [ke], "who was asked stays known, for the delivery")

        let at = forum.state.governance.clock ?? CommunicationRulesTests.t0
        let opening = DeliveryOpening(
            recipient: ke, request: nil, urgency: .routine, at: at,
            ackBy: at.adding(forum.state.governance.rules.communication.ackDeadline(.routine)))
        let deliver = forum.index
        try forum.node(.deliver([opening]), with: [.delivered(delivery: DeliveryID(index: deliver, recipient: ke), request: request)])
        _ = try forum.member("ke", .acknowledge(.delivery(deliver)))
        let answer = try SealedDocuments.encode(AnswerContent(body: "Seen on two hosts."))
        let answered = try forum.member(
            "ke", .answer(delivery: deliver, status: .provided, content: SealedDocuments.commitment(answer)), sealed: answer)
        #expect(forum.state.communication.deliveries[DeliveryID(index: deliver, recipient: ke)]?.answers.map(\.index) == [answered])
        #expect(forum.state.communication.ledger.documents[answered] == nil, "an answer's content is read from the store")

        _ = try forum.member("ke", .contact(.remove(id: "duty")))
        #expect(forum.state.communication.ledger.documents.isEmpty, "a removed contact's details are let go")
    }
}
