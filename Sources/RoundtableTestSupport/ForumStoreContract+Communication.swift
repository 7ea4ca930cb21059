import RoundtableDomain
import Testing
import TransparencyLog

/// The communication mechanism's checks: what the node keeps beside the log.
extension ForumStoreContract {
    static var communicationChecks: [Check] {
        [
            Check(
                [.communicationRecords, .communicationRecordsFromAct, .sealedDocument, .append],
                "the facts written with acts (sealed documents, nonces, deliveries' requests) read back in order, a sealed document by its "
                    + "act, and survive reopening"
            ) { try await communicationRecords($0) },
            Check([.recordDeliveryAttempts, .deliveryAttempts], "delivery attempts read back by act, oldest first") {
                try await deliveryAttempts($0)
            },
        ]
    }

    static func communicationRecords(_ stores: Stores) async throws {
        let (store, _, _) = try await forum(stores)
        #expect(try await store.communicationRecords(withDocuments: true).isEmpty)
        let records: [CommunicationRecord] = [
            .sealed(index: 1, document: Array("{\"salt\":\"…\"}".utf8), recipients: [try MemberID("fr"), try MemberID("ke")]),
            .nonces(check: 2, nonces: ["tech": [UInt8](repeating: 9, count: 16)]),
            .delivered(delivery: DeliveryID(index: 3, recipient: try MemberID("ke")), request: 1),
        ]
        try await appendChanges(records.map { .communicationRecorded($0) }, to: store)
        #expect(try await store.communicationRecords(withDocuments: true) == records)
        let recipients = [try MemberID("fr"), try MemberID("ke")]
        let withoutDocuments = [CommunicationRecord.sealed(index: 1, document: nil, recipients: recipients)] + records[1...]
        #expect(try await store.communicationRecords(withDocuments: false) == withoutDocuments, "the same records, no document read")
        #expect(try await store.communicationRecords(fromAct: 0) == records)
        #expect(try await store.communicationRecords(fromAct: 2) == Array(records[1...]))
        #expect(try await store.communicationRecords(fromAct: 4).isEmpty)
        #expect(try await store.sealedDocument(committedAt: 1) == Array("{\"salt\":\"…\"}".utf8))
        #expect(try await store.sealedDocument(committedAt: 2) == nil, "a check's nonces are no sealed document")
        #expect(try await store.sealedDocument(committedAt: 3) == nil)
        if let reopened = try await stores.reopen() {
            #expect(try await reopened.communicationRecords(withDocuments: true) == records)
            #expect(try await reopened.sealedDocument(committedAt: 1) == Array("{\"salt\":\"…\"}".utf8))
        }
    }

    static func deliveryAttempts(_ stores: Stores) async throws {
        let store = try await stores.open()
        let ke = try MemberID("ke")
        let first = DeliveryAttempt(
            act: 5, member: ke, contact: "tech", channel: "webhook", attempt: 1, delivered: false, detail: "HTTP 503", at: Timestamp(seconds: 10),
            final: false)
        let second = DeliveryAttempt(
            act: 5, member: ke, contact: "tech", channel: "webhook", attempt: 2, delivered: true, detail: "HTTP 204", at: Timestamp(seconds: 12),
            final: true)
        let other = DeliveryAttempt(
            act: 6, member: ke, contact: nil, channel: "mail", attempt: 1, delivered: true, detail: "sent", at: Timestamp(seconds: 11), final: true)
        try await store.recordDeliveryAttempts([first, other])
        try await store.recordDeliveryAttempts([])
        try await store.recordDeliveryAttempts([second])
        #expect(try await store.deliveryAttempts(forAct: 5) == [first, second])
        #expect(try await store.deliveryAttempts(forAct: 7).isEmpty)
    }
}
