public import TransparencyLog

/// A member of the forum, as the log's acts have made it.
public struct Member: Hashable, Sendable, Codable {
    /// Whether a member may act.
    public enum Status: String, Hashable, Sendable, Codable {
        /// The member may act.
        case active
        /// The member's acts are refused until it is reinstated.
        case suspended
    }

    /// The member's identifier.
    public let id: MemberID
    /// The member's name for people, for example "Republic of Estonia".
    public var displayName: String
    /// Whether the member may act.
    public var status: Status
    /// The keys whose signatures the forum accepts for this member.
    public var keys: [NoteVerifier]
    /// The API tokens the member registered, by label.
    public var tokens: [APIToken]
    /// The sequence number of the member's last accepted act; 0 before its first.
    public var lastSequence: UInt64

    /// Creates a member.
    /// - Parameters:
    ///   - id: The member's identifier.
    ///   - displayName: The member's name for people.
    ///   - status: Whether the member may act.
    ///   - keys: The member's signing keys.
    ///   - tokens: The member's API tokens.
    ///   - lastSequence: The sequence number of the member's last accepted act.
    public init(
        id: MemberID,
        displayName: String,
        status: Status = .active,
        keys: [NoteVerifier],
        tokens: [APIToken] = [],
        lastSequence: UInt64 = 0
    ) {
        self.id = id
        self.displayName = displayName
        self.status = status
        self.keys = keys
        self.tokens = tokens
        self.lastSequence = lastSequence
    }

    /// The key with this name and key ID, if the member has it.
    /// - Parameters:
    ///   - name: The key name on a signature line.
    ///   - keyID: The key ID on a signature line.
    public func key(named name: String, id keyID: NoteKeyID) -> NoteVerifier? {
        keys.first { $0.name == name && $0.keyID == keyID }
    }
}
