import Logging
public import RoundtableDomain
public import RoundtableNode
public import TransparencyLog

/// A small forum for tests: a node key and members with known keys, and helpers to write their acts.
public struct TestForum: Sendable {
    /// The forum's origin.
    public let origin: String
    /// The node's key.
    public let node: NoteSigner
    /// Each member's key, by member id.
    public let keys: [String: NoteSigner]
    /// The rules of procedure the genesis names.
    public let rules: Rules

    /// Creates keys for a node and members.
    /// - Parameters:
    ///   - origin: The forum's origin.
    ///   - memberIDs: The members' ids.
    ///   - rules: The rules of procedure the genesis names.
    public init(origin: String = "forum.test", memberIDs: [String] = ["ee", "fr", "ke"], rules: Rules = .defaults) throws {
        self.origin = origin
        self.rules = rules
        self.node = try NoteSigner.generate(name: origin)
        self.keys = try Dictionary(uniqueKeysWithValues: memberIDs.map { ($0, try NoteSigner.generate(name: "\($0).test/key")) })
    }

    /// The founding members, in id order.
    public var founding: ForumNode<InMemoryForumStore>.Founding {
        get throws { .init(forumName: "Test forum", founders: try founders, rules: rules) }
    }

    /// The founders, in id order.
    public var founders: [Genesis.Founder] {
        get throws {
            try keys.keys.sorted().map { id in
                Genesis.Founder(id: try MemberID(id), key: keys[id]!.verifier, displayName: "Member \(id)")
            }
        }
    }

    /// The genesis act this forum starts with.
    public var genesis: Act {
        get throws {
            let genesis = try Genesis(forumName: "Test forum", nodeKey: node.verifier, founders: founders, rules: rules)
            return Act(origin: origin, actor: .node, sequence: 1, body: .genesis(genesis))
        }
    }

    /// The state right after the genesis.
    public var initialState: ForumState {
        get throws { try ForumState.genesis(genesis).state }
    }

    /// Opens the forum on a store, creating it if the store is empty.
    /// - Parameter store: The store.
    public func open<Store: ForumStore>(on store: Store) async throws -> ForumNode<Store> {
        let founding = ForumNode<Store>.Founding(forumName: "Test forum", founders: try founders, rules: rules)
        return try await ForumNode.open(store: store, nodeSigner: node, origin: origin, founding: founding, logger: Logger(label: "test"))
    }

    /// A credential act by a member, signed with its key.
    /// - Parameters:
    ///   - member: The member id.
    ///   - sequence: The act's sequence number.
    ///   - changes: The credential changes.
    ///   - origin: The origin to write, this forum's by default.
    ///   - signer: The key to sign with, the member's by default.
    public func credentialAct(
        by member: String,
        seq sequence: UInt64,
        _ changes: [CredentialChange],
        origin: String? = nil,
        signer: NoteSigner? = nil
    ) throws -> [UInt8] {
        let act = Act(origin: origin ?? self.origin, actor: .member(try MemberID(member)), sequence: sequence, body: .credential(changes))
        return try act.signed(by: [signer ?? keys[member]!]).bytes
    }

    /// Any act by a member, signed with its key.
    /// - Parameters:
    ///   - member: The member id.
    ///   - sequence: The act's sequence number.
    ///   - body: What the act does.
    ///   - signer: The key to sign with, the member's by default.
    public func act(by member: String, seq sequence: UInt64, _ body: Act.Body, signer: NoteSigner? = nil) throws -> [UInt8] {
        let act = Act(origin: origin, actor: .member(try MemberID(member)), sequence: sequence, body: body)
        return try act.signed(by: [signer ?? keys[member]!]).bytes
    }

    /// The same note with one bit of its first signature flipped, still well-formed base64.
    /// - Parameter entry: A signed note's bytes.
    public static func tamperingSignature(of entry: [UInt8]) throws -> [UInt8] {
        let note = try SignedNote(parsing: entry)
        var signatures = note.signatures
        var bytes = signatures[0].signature
        bytes[bytes.count / 2] ^= 0x01
        signatures[0] = NoteSignature(keyName: signatures[0].keyName, keyID: signatures[0].keyID, signature: bytes)
        return try SignedNote(text: note.text, signatures: signatures).bytes
    }

    /// A token registration whose digest is derived from the number alone: equal numbers give equal digests.
    /// - Parameters:
    ///   - label: The token label.
    ///   - number: Any number; different numbers give different digests.
    public static func token(_ label: String, _ number: Int) throws -> APIToken {
        var digest = [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: UInt64(number).bigEndian) { digest.replaceSubrange(0..<8, with: $0) }
        return try APIToken(label: label, sha256: digest)
    }
}
