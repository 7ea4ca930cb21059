public import TransparencyLog

/// One change a member makes to its own credentials in a `credential` act.
public enum CredentialChange: Hashable, Sendable {
    /// Registers another signing key (`add-key <vkey>`).
    case addKey(NoteVerifier)
    /// Withdraws a signing key (`revoke-key <vkey>`); a member keeps at least one key.
    case revokeKey(NoteVerifier)
    /// Registers the SHA-256 of an API token (`add-token <label> <hex sha256>`).
    case addToken(APIToken)
    /// Withdraws an API token by label (`revoke-token <label>`).
    case revokeToken(label: String)
    /// Registers the member's witness: its cosignature key and URL (`add-witness <vkey> <url>`); one per member.
    case addWitness(CosignatureVerifier, url: String)
    /// Retires the member's witness (`retire-witness <vkey>`): its cosignatures no longer count.
    case retireWitness(CosignatureVerifier)
}
