import TransparencyLog

extension Act {
    /// The act's text, ready to be signed: every line ends with a newline.
    public var text: String {
        var lines = [origin, "act \(body.type)", "by \(actor)", "seq \(sequence)"]
        switch body {
        case .genesis(let genesis):
            lines.append("forum \(genesis.forumName)")
            lines.append("node-key \(genesis.nodeKey)")
            lines += genesis.founders.map { "founder \($0.id) \($0.key) \($0.displayName)" }
        case .credential(let changes):
            lines += changes.map(\.line)
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

extension CredentialChange {
    /// The change as a line of a `credential` act, without its newline.
    var line: String {
        switch self {
        case .addKey(let key): "add-key \(key)"
        case .revokeKey(let key): "revoke-key \(key)"
        case .addToken(let token): "add-token \(token.label) \(Hex.encode(token.sha256))"
        case .revokeToken(let label): "revoke-token \(label)"
        }
    }
}
