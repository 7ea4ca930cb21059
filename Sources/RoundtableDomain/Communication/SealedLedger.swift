
/// What the node knows from the sealed documents and keeps beside the log: the documents themselves (by the index of
/// the act that commits to them), the nonces of its checks, which request each delivery belongs to when the parties
/// are sealed, and the recipients of each sealed request. An auditor's replay has none of it; the node restores it from
/// its store after replaying the log.
public struct SealedLedger: Hashable, Sendable, Codable {
    /// Each sealed document's bytes, by the index of the act that commits to it.
    public internal(set) var documents = LogIndexedMap<UInt64, [UInt8]>()
    /// Each check's nonces, by contact.
    public internal(set) var nonces = LogIndexedMap<UInt64, [String: [UInt8]]>()
    /// The request of each delivery, when the log does not say.
    public internal(set) var requestOfDelivery = LogIndexedMap<DeliveryID, UInt64>()
    /// The recipients of each request whose parties are sealed.
    public internal(set) var recipients = LogIndexedMap<UInt64, [MemberID]>()

    /// Creates an empty ledger.
    public init() {}

    mutating func record(_ record: CommunicationRecord) {
        switch record {
        case .sealed(let index, let document, let recipients):
            documents[index] = document
            if let recipients { self.recipients[index] = recipients }
        case .nonces(let check, let nonces): self.nonces[check] = nonces
        case .delivered(let delivery, let request): requestOfDelivery[delivery] = request
        }
    }
}

/// One fact the node keeps beside the log, written in the transaction of the act it belongs to.
public enum CommunicationRecord: Hashable, Sendable, Codable {
    /// A sealed document an act commits to; for a request whose parties are sealed, the recipients it names.
    case sealed(index: UInt64, document: [UInt8], recipients: [MemberID]?)
    /// The nonces of a check, by contact.
    case nonces(check: UInt64, nonces: [String: [UInt8]])
    /// The request a delivery belongs to.
    case delivered(delivery: DeliveryID, request: UInt64)
}
