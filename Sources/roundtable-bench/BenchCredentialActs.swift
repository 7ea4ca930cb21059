import RoundtableAPI
import RoundtableDomain
import RoundtableServer
import RoundtableStorageSQLite
import TransparencyLog

/// Signed acts that leave a member's state small: each adds, then revokes, one API token labelled `t`, alternately.
enum BenchCredentialActs {
    /// Where a member's next acts start.
    struct Start: Sendable {
        /// The sequence number the member's next act must carry.
        let sequence: UInt64
        /// Whether the member holds the token `t` now, so that the first act revokes it.
        let holdsToken: Bool

        /// Where a member of the forum's state stands.
        init(_ member: Member) {
            self.init(sequence: member.lastSequence + 1, holdsToken: member.tokens.contains { $0.label == "t" })
        }

        /// Where a member stands as a node reports it.
        init(_ member: API.Member) {
            self.init(sequence: member.nextSeq, holdsToken: member.tokens.contains("t"))
        }

        init(sequence: UInt64, holdsToken: Bool) {
            self.sequence = sequence
            self.holdsToken = holdsToken
        }
    }

    /// The member's next `count` acts.
    /// - Parameters:
    ///   - origin: The forum's origin.
    ///   - member: The member's id.
    ///   - key: The member's signing key.
    ///   - start: Where the member stands.
    static func make(origin: String, member: String, key: NoteSigner, count: Int, from start: Start) throws -> [[UInt8]] {
        try verified(origin: origin, member: member, key: key, count: count, from: start).map(\.entry)
    }

    /// The same acts, signed here and so already verified, for filling a store directly.
    static func verified(origin: String, member: String, key: NoteSigner, count: Int, from start: Start) throws -> [VerifiedAct] {
        let id = try MemberID(member)
        return try (0..<count).map { offset in
            let sequence = start.sequence + UInt64(offset)
            var digest = [UInt8](repeating: 0, count: 32)
            withUnsafeBytes(of: sequence.bigEndian) { digest.replaceSubrange(0..<8, with: $0) }
            digest.replaceSubrange(8..<(8 + member.utf8.count), with: member.utf8)
            let adds = (offset % 2 == 0) != start.holdsToken
            let change: CredentialChange = adds ? .addToken(try APIToken(label: "t", sha256: digest)) : .revokeToken(label: "t")
            return try VerifiedAct(act: Act(origin: origin, actor: .member(id), sequence: sequence, body: .credential([change])), signedBy: key)
        }
    }
}
