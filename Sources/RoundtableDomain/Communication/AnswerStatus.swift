/// What a recipient's answer to a request says; a recipient may answer several times.
public enum AnswerStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// The recipient takes the request on.
    case accepted
    /// The recipient declines it; the sealed answer gives the reason.
    case declined
    /// The recipient needs more information; the sealed answer says what.
    case needInformation = "need-information"
    /// The recipient provides what was asked; the sealed answer holds it.
    case provided
}

/// How a requester closes its request.
public enum RequestOutcome: String, CaseIterable, Hashable, Sendable, Codable {
    /// The request was met.
    case resolved
    /// The requester withdrew it.
    case withdrawn
}
