/// What a notice tells its recipient awaits it.
public enum NoticeKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A communication check to acknowledge, with the nonce to return.
    case check
    /// A request addressed to the member.
    case request
    /// An answer to a request the member made.
    case answer
    /// An acknowledgement of a check or request the member sent.
    case acknowledgement
    /// A check or request whose deadline has passed unanswered.
    case overdue
    /// A request that was closed.
    case closed
}
