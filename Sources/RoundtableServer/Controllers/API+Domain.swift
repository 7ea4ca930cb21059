import RoundtableAPI
import RoundtableDomain
import TransparencyLog

extension API.Member {
    /// A member as the API shows it.
    init(_ member: Member) {
        self.init(
            id: member.id.rawValue, displayName: member.displayName, status: member.status.rawValue, keys: member.keys.map(\.description),
            tokens: member.tokens.map(\.label), nextSeq: member.lastSequence + 1)
    }
}
