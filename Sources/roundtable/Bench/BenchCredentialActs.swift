import RoundtableDomain
import TransparencyLog

/// Signed acts that leave a member's state small: each adds, then revokes, one API token labelled `t`, alternately.
enum BenchCredentialActs {
    /// The member's next `count` acts.
    /// - Parameters:
    ///   - origin: The forum's origin.
    ///   - member: The member's id.
    ///   - key: The member's signing key.
    ///   - firstSequence: The sequence number the member's next act must carry.
    ///   - holdsToken: Whether the member holds the token `t` now, so that the first act revokes it.
    static func make(origin: String, member: String, key: NoteSigner, count: Int, firstSequence: UInt64, holdsToken: Bool) throws -> [[UInt8]] {
        try verified(origin: origin, member: member, key: key, count: count, firstSequence: firstSequence, holdsToken: holdsToken).map(\.entry)
    }

    /// The same acts, signed here and so already verified, for filling a store directly.
    static func verified(
        origin: String, member: String, key: NoteSigner, count: Int, firstSequence: UInt64, holdsToken: Bool
    ) throws -> [VerifiedAct] {
        let id = try MemberID(member)
        return try (0..<count).map { offset in
            let sequence = firstSequence + UInt64(offset)
            var digest = [UInt8](repeating: 0, count: 32)
            withUnsafeBytes(of: sequence.bigEndian) { digest.replaceSubrange(0..<8, with: $0) }
            digest.replaceSubrange(8..<(8 + member.utf8.count), with: member.utf8)
            let adds = (offset % 2 == 0) != holdsToken
            let change: CredentialChange = adds ? .addToken(try APIToken(label: "t", sha256: digest)) : .revokeToken(label: "t")
            return try VerifiedAct(act: Act(origin: origin, actor: .member(id), sequence: sequence, body: .credential([change])), signedBy: key)
        }
    }
}
