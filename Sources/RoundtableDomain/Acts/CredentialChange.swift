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
}
