import HTTPTypes
import RoundtableDomain
import TransparencyLog

/// The text a delegate's browser signs to open a session: a signed note of three lines, the forum's origin, the
/// word `sign-in` and the challenge the node issued.
///
/// ```
/// forum.example.org
/// sign-in
/// challenge 3q2-7wAAAAB5Lw…
/// ```
///
/// Its second line is not an act's `act TYPE` line, so no signed sign-in can ever be taken for an act; its first
/// line ties it to this forum, and the challenge is used once, within ``WebSessions/challengeLifetime``.
enum SignInMessage {
    /// The text to sign for a challenge.
    static func text(origin: String, challenge: String) -> String { "\(origin)\nsign-in\nchallenge \(challenge)\n" }

    /// The challenge a signed sign-in answers.
    /// - Throws: ``APIError`` `sign_in_refused` when the note is not a sign-in for this forum.
    static func challenge(in note: SignedNote, origin: String) throws -> String {
        let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 4, lines[3].isEmpty, lines[1] == "sign-in", lines[2].hasPrefix("challenge ") else {
            throw APIError(
                .badRequest, code: "sign_in_refused",
                "a sign-in is a signed note of three lines: the forum's origin, 'sign-in' and 'challenge' with the challenge issued by "
                    + "POST /api/v1/session/challenge")
        }
        guard lines[0] == origin else {
            throw APIError(.badRequest, code: "sign_in_refused", "this sign-in is for the forum '\(lines[0])'; this forum is '\(origin)'")
        }
        return String(lines[2].dropFirst("challenge ".count))
    }

    /// The member whose key (its own, or one of its contact keys) signed the note, that key, and the contact it is
    /// the key of, if it is a contact key.
    ///
    /// Every registered key whose name and 4-byte key ID a signature line names is tried, so that another key made
    /// to collide with them cannot keep the right one from signing in.
    /// - Throws: ``APIError`` `sign_in_refused` when no signature comes from a key registered in the forum, or none
    ///   of those verifies; `suspended_member` for a suspended member.
    static func signer(of note: SignedNote, in state: ForumState) throws -> (member: Member, key: NoteVerifier, contact: String?) {
        var failed: NoteVerifier?
        for signature in note.signatures {
            for member in state.members.values {
                let candidates = member.keys.map { (key: $0, contact: String?.none) }
                    + state.communication.contactKeys(of: member.id).map { (key: $0.key, contact: Optional($0.contact)) }
                for candidate in candidates where candidate.key.name == signature.keyName && candidate.key.keyID == signature.keyID {
                    guard (try? note.verify(by: [candidate.key])) != nil else {
                        failed = candidate.key
                        continue
                    }
                    guard member.status == .active else {
                        throw APIError(.forbidden, code: "suspended_member", "member \(member.id) is suspended; its delegates cannot sign in")
                    }
                    return (member, candidate.key, candidate.contact)
                }
            }
        }
        if let failed {
            throw APIError(
                .unauthorized, code: "sign_in_refused", "the signature of key \(failed.name) does not verify; choose your member's key file")
        }
        throw APIError(
            .unauthorized, code: "sign_in_refused",
            "the key that signed is not registered to any member of this forum, nor as a contact key; choose your member's key file")
    }
}
