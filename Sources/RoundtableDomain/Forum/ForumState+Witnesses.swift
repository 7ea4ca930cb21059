public import TransparencyLog

extension ForumState {
    /// The cosignatures a checkpoint needs under the `witness-quorum` rule: none while no witness is registered.
    public var requiredCosignatures: Int { governance.rules.witnessQuorum.required(of: witnesses.count) }

    /// The forum's witness rule as a C2SP tlog-policy: its log, its members' witnesses (named by member id) and a group
    /// `members` whose threshold is the rule's; `nil` while no witness is registered.
    /// - Parameter logKey: The log's key, pinned by the client.
    public func witnessPolicy(logKey: NoteVerifier) -> WitnessPolicy? {
        guard requiredCosignatures > 0 else { return nil }
        let names = witnesses.map(\.member.rawValue)
        return try? WitnessPolicy(
            logs: [.init(key: logKey)], witnesses: witnesses.map { .init(name: $0.member.rawValue, key: $0.key, url: $0.url) },
            groups: [.init(name: "members", threshold: .count(requiredCosignatures), members: names)], quorum: "members")
    }
}

extension ForumState {
    /// A vote counted in a ballot although a checkpoint the witnesses cosigned after the ballot's window ended did not
    /// include it: by witnessed time, the vote was logged after the window ended.
    public struct LateVote: Hashable, Sendable, CustomStringConvertible {
        /// The proposal.
        public let proposal: UInt64
        /// The voter.
        public let member: MemberID
        /// The vote act's log index.
        public let index: UInt64
        /// When the ballot's window ended.
        public let closes: Timestamp
        /// The cosigned checkpoint that shows the vote was not yet logged: its size and witnessed time.
        public let checkpointSize: UInt64
        /// Its witnessed time.
        public let witnessedAt: Timestamp

        public var description: String {
            "proposal \(proposal): the vote of \(member) at index \(index) is counted, but the checkpoint of size \(checkpointSize), "
                + "witnessed at \(witnessedAt), after the ballot's window ended at \(closes), does not include it: it was logged late"
        }
    }

    /// The counted votes that witnessed time shows were logged after their ballot's window ended.
    /// - Parameter witnessed: Cosigned checkpoints, each with its size and its witnessed time, as the caller verified them.
    public func lateVotes(witnessed: [(size: UInt64, at: Timestamp)]) -> [LateVote] {
        var late: [LateVote] = []
        for proposal in governance.proposals.values.sorted(by: { $0.id < $1.id }) {
            guard let ballot = proposal.ballot, proposal.decision != nil else { continue }
            // The smallest tree the witnesses saw after the window ended: entries at or past it came later.
            guard let after = witnessed.filter({ $0.at > ballot.opening.closes }).min(by: { $0.size < $1.size }) else { continue }
            for (member, vote) in ballot.votes.sorted(by: { $0.value.index < $1.value.index }) where vote.index >= after.size {
                late.append(
                    LateVote(
                        proposal: proposal.id, member: member, index: vote.index, closes: ballot.opening.closes, checkpointSize: after.size,
                        witnessedAt: after.at))
            }
        }
        return late
    }
}
