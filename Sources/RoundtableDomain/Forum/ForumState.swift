public import TransparencyLog

/// The forum's state as its log of acts has made it: origin, node key, members, their keys, tokens and sequence
/// numbers. A value type: checking an act returns the changes it makes, and applying them is a separate step.
public struct ForumState: Hashable, Sendable, Codable {
    /// The forum's origin; the first line of every act.
    public let origin: String
    /// The forum's name for people.
    public let name: String
    /// The node's key, which signed the genesis.
    public let nodeKey: NoteVerifier
    /// The node's last sequence number.
    public private(set) var nodeSequence: UInt64
    /// The members by identifier.
    public private(set) var members: [MemberID: Member]
    /// The rules of procedure, proposals and decisions.
    public private(set) var governance: Governance
    /// The exchange's collections, by id.
    public private(set) var collections: [String: CollectionDefinition] = [:]
    /// The members' witnesses, in the order they were registered.
    public private(set) var witnesses: [MemberWitness] = []
    /// The points of contact, checks and requests.
    public private(set) var communication = Communication()

    /// Restores a state that a store saved.
    /// - Parameters:
    ///   - origin: The forum's origin.
    ///   - name: The forum's name for people.
    ///   - nodeKey: The node's key.
    ///   - nodeSequence: The node's last sequence number.
    ///   - members: The members.
    ///   - governance: The rules, proposals and decisions.
    public init(
        origin: String, name: String, nodeKey: NoteVerifier, nodeSequence: UInt64, members: [Member],
        governance: Governance = Governance(rules: .defaults)
    ) {
        self.origin = origin
        self.name = name
        self.nodeKey = nodeKey
        self.nodeSequence = nodeSequence
        self.members = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
        self.governance = governance
    }

    /// The state that a genesis act creates, with the changes a store must persist for it.
    /// - Parameter act: An act whose body is a genesis, by the node, sequence 1.
    public static func genesis(_ act: Act) throws(ActError) -> (state: ForumState, changes: [ForumChange]) {
        guard case .genesis(let genesis) = act.body, act.actor == .node, act.sequence == 1 else {
            throw ActError(.malformedAct, "a forum starts with a genesis act by the node with seq 1")
        }
        let members = genesis.founders.map { Member(id: $0.id, displayName: $0.displayName, keys: [$0.key]) }
        let state = ForumState(origin: act.origin, name: genesis.forumName, nodeKey: genesis.nodeKey, nodeSequence: 1, members: members,
            governance: Governance(rules: genesis.rules))
        let changes: [ForumChange] =
            [.forumCreated(origin: act.origin, name: genesis.forumName, nodeKey: genesis.nodeKey)]
            + members.map { .memberAdmitted($0) } + [.sequenceAdvanced(.node, to: 1)]
        return (state, changes)
    }

    /// The members sorted by identifier.
    public var sortedMembers: [Member] { members.values.sorted { $0.id < $1.id } }

    /// Applies changes that ``check(_:signedBy:)`` returned (or that a store loaded).
    /// - Parameter changes: The changes, in order.
    public mutating func apply(_ changes: [ForumChange]) {
        for change in changes { apply(change) }
    }

    private mutating func apply(_ change: ForumChange) {
        switch change {
        case .forumCreated: break
        case .memberAdmitted(let member): members[member.id] = member
        case .sequenceAdvanced(.node, let sequence): nodeSequence = sequence
        case .sequenceAdvanced(.member(let id), let sequence): members[id]?.lastSequence = sequence
        case .keyAdded(let id, let key): members[id]?.keys.append(key)
        case .keyRevoked(let id, let key): members[id]?.keys.removeAll { $0 == key }
        case .tokenAdded(let id, let token): members[id]?.tokens.append(token)
        case .tokenRevoked(let id, let label): members[id]?.tokens.removeAll { $0.label == label }
        case .statusChanged(let id, let status): members[id]?.status = status
        case .witnessAdded(let witness): witnesses.append(witness)
        case .witnessRetired(let id, let key): witnesses.removeAll { $0.member == id && $0.key == key }
        case .proposalRecorded(let proposal): governance.record(proposal)
        case .voteRecorded(let proposal, let member, let vote): governance.recordVote(proposal: proposal, member: member, vote: vote)
        case .rulesAdopted(let rules, let proposal, let since): governance.adopt(rules, proposal: proposal, since: since)
        case .nodeClock(let time): governance.advanceClock(to: time)
        case .collectionDefined(let collection): collections[collection.id] = collection
        case .objectsAdded, .objectsDeleted, .statusStored: break
        case .contactSet, .contactRemoved, .checkAsked, .checkRecorded, .requestRecorded, .deliveryRecorded, .communicationRecorded:
            communication.apply(change)
        }
    }
}
