/// What the node knows from the sealed documents and keeps beside the log: the details of the current points of
/// contact (by the index of the act that committed to them), the nonces of its checks, which request each delivery
/// belongs to when the parties are sealed, and the recipients of each sealed request. An auditor's replay has none of
/// it; the node restores it from its store after replaying the log.
public struct SealedLedger: Hashable, Sendable, Codable {
    /// The sealed details of each current point of contact, by the index of the act that committed to them: every notice
    /// needs them. The content of requests and answers, and the details a contact had before its last update, stay in
    /// the store only (``CommunicationStore/sealedDocument(committedAt:)``): they may be large, and are read only when a
    /// party asks for them.
    public internal(set) var documents = LogIndexedMap<UInt64, [UInt8]>()
    /// Each check's nonces, by contact.
    public internal(set) var nonces = LogIndexedMap<UInt64, [String: [UInt8]]>()
    /// The request of each delivery, when the log does not say.
    public internal(set) var requestOfDelivery = LogIndexedMap<DeliveryID, UInt64>()
    /// The recipients of each request whose parties are sealed.
    public internal(set) var recipients = LogIndexedMap<UInt64, [MemberID]>()

    /// Creates an empty ledger.
    public init() {}

    /// Keeps what a record says; a sealed document only if it holds a current contact's details.
    mutating func record(_ record: CommunicationRecord, isContactDetails: Bool) {
        switch record {
        case .sealed(let index, let document, let recipients):
            if isContactDetails, let document { documents[index] = document }
            if let recipients { self.recipients[index] = recipients }
        case .nonces(let check, let nonces): self.nonces[check] = nonces
        case .delivered(let delivery, let request): requestOfDelivery[delivery] = request
        }
    }

    /// Lets go of the details a contact no longer has (it was updated or removed).
    mutating func forgetContactDetails(at index: UInt64) { documents[index] = nil }

    /// A current contact's details, decoded; `nil` if the ledger does not hold them (an auditor's replay).
    /// - Parameter contact: The contact.
    public func details(of contact: Communication.Contact) -> ContactDetails? {
        documents[contact.since].flatMap { try? SealedDocuments.decode($0, as: ContactDetails.self) }
    }
}

/// One fact the node keeps beside the log, written in the transaction of the act it belongs to.
public enum CommunicationRecord: Hashable, Sendable, Codable {
    /// A sealed document an act commits to; for a request whose parties are sealed, the recipients it names. The
    /// document is `nil` when the record was read without it (``CommunicationStore/communicationRecords(withDocuments:)``).
    case sealed(index: UInt64, document: [UInt8]?, recipients: [MemberID]?)
    /// The nonces of a check, by contact.
    case nonces(check: UInt64, nonces: [String: [UInt8]])
    /// The request a delivery belongs to.
    case delivered(delivery: DeliveryID, request: UInt64)

    /// The log index of the act the record belongs to (for a delivery, its `deliver` act).
    public var actIndex: UInt64 {
        switch self {
        case .sealed(let index, _, _): index
        case .nonces(let check, _): check
        case .delivered(let delivery, _): delivery.index
        }
    }
}
