import TransparencyLog

extension ForumState {
    /// Checks a member's credential changes in order and returns them as forum changes.
    func check(_ changes: [CredentialChange], by member: Member) throws(ActError) -> [ForumChange] {
        var keys = member.keys
        var tokens = member.tokens
        var witness = witnesses.first { $0.member == member.id }
        var result: [ForumChange] = []
        for change in changes {
            switch change {
            case .addKey(let key):
                guard !isRegistered(key) && !keys.contains(key) else {
                    throw ActError(.conflict, "key \(key.name)+\(key.keyID) is already registered in this forum")
                }
                keys.append(key)
                result.append(.keyAdded(member.id, key))
            case .revokeKey(let key):
                guard keys.contains(key) else { throw ActError(.conflict, "key \(key.name)+\(key.keyID) is not a key of \(member.id)") }
                keys.removeAll { $0 == key }
                guard !keys.isEmpty else {
                    throw ActError(.conflict, "a member keeps at least one key: add the new key before revoking the last one")
                }
                result.append(.keyRevoked(member.id, key))
            case .addToken(let token):
                guard !tokens.contains(where: { $0.label == token.label }) else {
                    throw ActError(.conflict, "\(member.id) already has a token labelled \(token.label); revoke it first")
                }
                guard !tokens.contains(where: { $0.sha256 == token.sha256 }), !isRegistered(token) else {
                    throw ActError(.conflict, "this token digest is already registered; generate a new token")
                }
                tokens.append(token)
                result.append(.tokenAdded(member.id, token))
            case .revokeToken(let label):
                guard tokens.contains(where: { $0.label == label }) else {
                    throw ActError(.conflict, "\(member.id) has no token labelled \(label)")
                }
                tokens.removeAll { $0.label == label }
                result.append(.tokenRevoked(member.id, label: label))
            case .addWitness(let key, let url):
                if let witness {
                    throw ActError(
                        .conflict, "\(member.id) already runs the witness \(witness.key.name): retire it first (a member has one witness)")
                }
                // Witnesses retired earlier in the same act no longer hold their name or key.
                let registered = witnesses.filter { registered in
                    !result.contains { if case .witnessRetired(_, let retired) = $0 { retired == registered.key } else { false } }
                }
                guard !registered.contains(where: { $0.key.name == key.name || $0.key.publicKeyBytes == key.publicKeyBytes }) else {
                    throw ActError(.conflict, "a witness named \(key.name), or with this key, is already registered; make a new key")
                }
                guard !(keys + [nodeKey] + members.values.flatMap(\.keys)).contains(where: { $0.publicKeyBytes == key.publicKeyBytes }) else {
                    throw ActError(.conflict, "this witness key also signs acts; a witness needs a key of its own (roundtable keygen --witness)")
                }
                let added = try MemberWitness(member: member.id, key: key, url: url)
                witness = added
                result.append(.witnessAdded(added))
            case .retireWitness(let key):
                guard witness?.key == key else { throw ActError(.conflict, "\(key.name) is not the witness of \(member.id)") }
                witness = nil
                result.append(.witnessRetired(member.id, key))
            }
        }
        return result
    }

    /// Whether a key is the node's, a member's, or named by an admission still open.
    func isRegistered(_ key: NoteVerifier) -> Bool {
        key == nodeKey || members.values.contains { $0.keys.contains(key) } || pendingAdmissions.contains { $0.key == key }
            || communication.isContactKey(key)
    }

    private func isRegistered(_ token: APIToken) -> Bool {
        members.values.contains { $0.tokens.contains { $0.sha256 == token.sha256 } }
    }
}
