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

extension API.CommunicationFigures {
    /// The figures as the API shows them.
    /// - Parameters:
    ///   - figures: The figures.
    ///   - size: The number of log entries they were computed from.
    init(_ figures: CommunicationFigures, size: UInt64) {
        self.init(size: size, requestParties: figures.requestParties.rawValue, members: figures.members.map(API.MemberCommunication.init))
    }
}

extension API.MemberCommunication {
    /// One member's figures as the API shows them.
    init(_ figures: CommunicationFigures.Member) {
        self.init(
            member: figures.member.rawValue,
            contacts: Dictionary(uniqueKeysWithValues: figures.contacts.map { ($0.key.rawValue, $0.value) }),
            lastCheck: figures.lastCheck.map { .init(index: $0.index, openedAt: $0.openedAt.description, outcome: $0.outcome.rawValue) },
            requestsReceived: figures.requestsReceived, acknowledgedInTime: figures.acknowledgedInTime, overdue: figures.overdue,
            medianSecondsToAcknowledge: figures.medianSecondsToAcknowledge, requestsSent: figures.requestsSent)
    }
}
