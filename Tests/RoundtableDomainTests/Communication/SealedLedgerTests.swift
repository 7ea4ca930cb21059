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
        let test = try TestForum()
        var state = try test.initialState
        var index: UInt64 = 1
        var sequences: [String: UInt64] = [:]
        /// Checks a member's act with its sealed document as the node does, and applies it with what the node keeps.
        func member(_ id: String, _ body: Act.Body, sealed document: [UInt8]? = nil) throws -> UInt64 {
            let sequence = (sequences[id] ?? 0) + 1
            let verified = try state.verify(entry: try test.act(by: id, seq: sequence, body))
            let record = try state.sealedRecord(for: verified.act, document: document)
            state.apply(try state.check(verified, at: index) + (record.map { [.communicationRecorded($0(index))] } ?? []))
            sequences[id] = sequence
            index += 1
            return index - 1
        }
        func contact(_ name: String, update: Bool = false) throws -> (index: UInt64, details: [UInt8]) {
            let details = try SealedDocuments.encode(
                ContactDetails(name: name, organisation: "CERT", languages: ["en"], hours: "24/7", email: "duty@cert.example"))
            let entry = try ContactEntry(id: "duty", role: .technical, details: SealedDocuments.commitment(details), key: nil)
            return (try member("ke", .contact(update ? .update(entry) : .add(entry)), sealed: details), details)
        }
        let ke = try MemberID("ke")

        let first = try contact("First officer")
        #expect(state.communication.ledger.documents[first.index] == first.details)
        let second = try contact("Second officer", update: true)
        #expect(state.communication.ledger.documents[first.index] == nil, "details a contact no longer has are let go")
        #expect(state.communication.ledger.documents[second.index] == second.details)

        let content = try SealedDocuments.encode(
            RequestContent(kind: .information, to: [ke], subject: "Indicator", body: "Do you see it?", tlp: "green"))
        let draft = RequestDraft(urgency: .routine, recipients: .sealed(count: 1), content: SealedDocuments.commitment(content))
        let request = try member("ee", .request(draft), sealed: content)
        #expect(state.communication.requests[request] != nil)
        #expect(state.communication.ledger.documents[request] == nil, "a request's content is read from the store")
        #expect(state.communication.ledger.recipients[request] == [ke], "who was asked stays known, for the delivery")

        let at = state.governance.clock ?? Timestamp(seconds: 1_800_000_000)
        let opening = DeliveryOpening(
            recipient: ke, request: nil, urgency: .routine, at: at, ackBy: at.adding(state.governance.rules.communication.ackDeadline(.routine)))
        let act = Act(origin: test.origin, actor: .node, sequence: state.nodeSequence + 1, body: .deliver([opening]))
        let deliver = index
        state.apply(
            try state.check(try VerifiedAct(nodeAct: act, signedBy: test.node), at: index)
                + [.communicationRecorded(.delivered(delivery: DeliveryID(index: deliver, recipient: ke), request: request))])
        index += 1
        _ = try member("ke", .acknowledge(.delivery(deliver)))
        let answer = try SealedDocuments.encode(AnswerContent(body: "Seen on two hosts."))
        let answered = try member(
            "ke", .answer(delivery: deliver, status: .provided, content: SealedDocuments.commitment(answer)), sealed: answer)
        #expect(state.communication.deliveries[DeliveryID(index: deliver, recipient: ke)]?.answers.map(\.index) == [answered])
        #expect(state.communication.ledger.documents[answered] == nil, "an answer's content is read from the store")

        _ = try member("ke", .contact(.remove(id: "duty")))
        #expect(state.communication.ledger.documents.isEmpty, "a removed contact's details are let go")
    }
}
