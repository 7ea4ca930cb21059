public import RoundtableDomain
public import RoundtableNode
public import TransparencyLog

/// A record of the communication mechanism on a node, for the tests of its public figures: `ke` has a diplomatic
/// and a technical contact and answers a check in time; `ee` registers a witness (if asked) and sends an urgent
/// request to `fr` and `ke`; `fr` acknowledges it, `ke` does not and is marked overdue.
public struct CommunicationScenario: Sendable {
    /// When the node's clock starts.
    public static let t0 = Timestamp(seconds: 1_800_000_000)
    /// When the request is delivered.
    public static let deliveredAt = t0.adding(60)

    /// The check of `ke`'s contacts.
    public let check: UInt64
    /// The deliveries, by recipient.
    public let deliveries: [MemberID: UInt64]
    /// `fr`'s acknowledgement.
    public let acknowledgement: UInt64
    /// The witness `ee` registered, if it did.
    public let witness: CosignatureSigner?

    /// Writes the record on an opened node of a ``TestForum`` with members `ee`, `fr` and `ke`, from sequence 1.
    /// - Parameters:
    ///   - forum: The forum's keys.
    ///   - node: The node, fresh.
    ///   - withWitness: Whether `ee` registers a member witness (whose cosignatures give witnessed times).
    public init<Store: ForumStore>(forum: TestForum, node: ForumNode<Store>, withWitness: Bool = true) async throws {
        let (fr, ke) = (try MemberID("fr"), try MemberID("ke"))
        for (seq, id, role) in [(UInt64(1), "dip", ContactRole.diplomatic), (2, "tech", .technical)] {
            let details = ContactDetails(
                name: "Contact \(id)", title: "Duty officer", organisation: "National CERT", languages: ["en"], hours: "24/7", email: "duty@ke.test")
            let bytes = try SealedDocuments.encode(details)
            let entry = try ContactEntry(id: id, role: role, details: SealedDocuments.commitment(bytes), key: nil)
            _ = try await node.submit(try forum.act(by: "ke", seq: seq, .contact(.add(entry))), sealed: bytes)
        }
        let witness = withWitness ? try CosignatureSigner(try NoteSigner.generate(name: "witness.ee.test")) : nil
        if let witness {
            _ = try await node.submit(try forum.act(by: "ee", seq: 1, .credential([.addWitness(witness.verifier, url: "https://witness.ee.test")])))
        }
        self.witness = witness

        check = try await node.performDueCommunication(now: Self.t0)[0].index
        let item = node.inbox(for: ke, after: nil).first { $0.kind == .check }
        for (offset, contact) in (item?.contacts ?? []).enumerated() {
            let ack = Act.Body.acknowledge(.check(check, contact: contact.id, nonce: contact.nonce ?? []))
            _ = try await node.submit(try forum.act(by: "ke", seq: UInt64(3 + offset), ack))
        }

        let content = RequestContent(kind: .assistance, to: [fr, ke], subject: "Wiper", body: "Please check the hashes.", tlp: "amber")
        let bytes = try SealedDocuments.encode(content)
        let draft = RequestDraft(urgency: .urgent, recipients: .sealed(count: 2), content: SealedDocuments.commitment(bytes))
        _ = try await node.submit(try forum.act(by: "ee", seq: withWitness ? 2 : 1, .request(draft)), sealed: bytes)
        let delivered = try await node.performDueCommunication(now: Self.deliveredAt)
        let state = node.state
        deliveries = Dictionary(uniqueKeysWithValues: delivered.flatMap { receipt in
            state.communication.recipients(ofDeliveries: receipt.index).map { ($0, receipt.index) }
        })
        acknowledgement = try await node.submit(try forum.act(by: "fr", seq: 1, .acknowledge(.delivery(deliveries[fr] ?? 0)))).index
        _ = try await node.performDueCommunication(now: Self.deliveredAt.adding(24 * 3_600))
    }
}
