/// A member's answer in a recorded ballot.
public enum VoteChoice: String, Hashable, Sendable, CaseIterable, Codable {
    /// In favour.
    case yes
    /// Against.
    case no
    /// Present, but not voting.
    case abstain
}
