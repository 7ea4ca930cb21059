/// What a proposal asks the forum to decide.
public enum ProposalKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// A norm of responsible state behaviour.
    case norm
    /// A policy of the forum.
    case policy
    /// The admission of a new member, carrying its id, name and key.
    case admission
    /// The suspension of a member.
    case suspension
    /// An amendment of the rules of procedure; always needs two-thirds.
    case rules
    /// A procedural question.
    case procedural
}
