public import TransparencyLog

/// One change to the forum's state that an accepted act causes; a store persists these beside the act's entry,
/// in the same transaction.
public enum ForumChange: Hashable, Sendable {
    /// The genesis created the forum.
    case forumCreated(origin: String, name: String, nodeKey: NoteVerifier)
    /// A member joined (at genesis, or later by decision).
    case memberAdmitted(Member)
    /// The actor's last accepted sequence number is now this one.
    case sequenceAdvanced(Act.Actor, to: UInt64)
    /// A member registered a signing key.
    case keyAdded(MemberID, NoteVerifier)
    /// A member withdrew a signing key.
    case keyRevoked(MemberID, NoteVerifier)
    /// A member registered an API token digest.
    case tokenAdded(MemberID, APIToken)
    /// A member withdrew an API token.
    case tokenRevoked(MemberID, label: String)
    /// A member registered its witness.
    case witnessAdded(MemberWitness)
    /// A member retired its witness.
    case witnessRetired(MemberID, CosignatureVerifier)
    /// A member was suspended or reinstated.
    case statusChanged(MemberID, Member.Status)
    /// A proposal was submitted or moved on (its whole new value).
    case proposalRecorded(Proposal)
    /// A member's vote now stands as this one.
    case voteRecorded(proposal: UInt64, member: MemberID, vote: Proposal.RecordedVote)
    /// An amendment's rules apply from this log index on.
    case rulesAdopted(Rules, proposal: UInt64, since: UInt64)
    /// The node's clock reads this time (the time on its latest act).
    case nodeClock(Timestamp)
    /// An exchange collection was defined.
    case collectionDefined(CollectionDefinition)
    /// Object versions were added to the exchange (the store keeps them; the act records their hashes).
    case objectsAdded([ExchangeObjectRecord])
    /// Object versions were deleted from the exchange: (collection, object id, version nanoseconds).
    case objectsDeleted([ExchangeObjectKey])
    /// A TAXII status resource, stored in the same transaction as the act that added the objects it reports.
    case statusStored(id: String, json: [UInt8])
    /// A member's point of contact was added or changed (its whole new value).
    case contactSet(MemberID, Communication.Contact)
    /// A member removed a point of contact.
    case contactRemoved(MemberID, contact: String)
    /// A member asked for a check of its contacts (by the index of its `ask-check` act).
    case checkAsked(UInt64, Communication.AskedCheck)
    /// A check was opened, acknowledged or marked overdue (its whole new value); the ask it answers is settled.
    case checkRecorded(Communication.Check)
    /// A request was sent or closed, or a delivery of it recorded (its whole new value).
    case requestRecorded(Communication.Request)
    /// A delivery was made, acknowledged, answered or marked overdue (its whole new value).
    case deliveryRecorded(Communication.Delivery)
    /// What the node keeps beside the log for an act: a sealed document, a check's nonces, a delivery's request.
    case communicationRecorded(CommunicationRecord)
}
