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
