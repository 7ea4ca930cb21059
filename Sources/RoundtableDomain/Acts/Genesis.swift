public import TransparencyLog

/// The first act of a forum: its name, the node's key and the founding members.
public struct Genesis: Hashable, Sendable {
    /// A founding member as the genesis names it.
    public struct Founder: Hashable, Sendable, Codable {
        /// The member's identifier.
        public let id: MemberID
        /// The member's first signing key.
        public let key: NoteVerifier
        /// The member's name for people.
        public let displayName: String

        /// Creates a founder.
        /// - Parameters:
        ///   - id: The member's identifier.
        ///   - key: The member's first signing key.
        ///   - displayName: The member's name for people.
        public init(id: MemberID, key: NoteVerifier, displayName: String) {
            self.id = id
            self.key = key
            self.displayName = displayName
        }
    }

    /// The forum's name for people.
    public let forumName: String
    /// The node's key, which signs the genesis and every act of the node.
    public let nodeKey: NoteVerifier
    /// The founding members, at least one, each id and key once.
    public let founders: [Founder]
    /// The rules of procedure the forum starts with: the defaults with the genesis's `rule` lines applied.
    public let rules: Rules

    /// Validates and creates a genesis.
    /// - Parameters:
    ///   - forumName: The forum's name for people.
    ///   - nodeKey: The node's key.
    ///   - founders: The founding members.
    ///   - rules: The initial rules of procedure.
    public init(forumName: String, nodeKey: NoteVerifier, founders: [Founder], rules: Rules = .defaults) throws(ActError) {
        try DisplayName.validate(forumName)
        guard !founders.isEmpty else { throw ActError(.malformedAct, "a forum needs at least one founding member") }
        var ids = Set<MemberID>()
        var keys: Set<NoteVerifier> = [nodeKey]
        for founder in founders {
            try DisplayName.validate(founder.displayName)
            guard ids.insert(founder.id).inserted else { throw ActError(.malformedAct, "member \(founder.id) is named twice") }
            guard keys.insert(founder.key).inserted else {
                throw ActError(.malformedAct, "the key of \(founder.id) is already used by the node or another founder")
            }
        }
        self.forumName = forumName
        self.nodeKey = nodeKey
        self.founders = founders
        self.rules = rules
    }
}
