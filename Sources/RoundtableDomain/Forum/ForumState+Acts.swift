public import TransparencyLog

/// An act whose note parsed and whose signature verified against a key of its actor.
public struct VerifiedAct: Sendable {
    /// The note exactly as submitted; it becomes the log entry.
    public let entry: [UInt8]
    /// The parsed act.
    public let act: Act
    /// The key whose signature verified.
    public let signer: NoteVerifier
    /// Changes the store writes with one of the node's acts, given its log index (the objects an `exchange` act
    /// records); `nil` for every other act.
    public var attachments: (@Sendable (UInt64) -> [ForumChange])?

    /// Signs one of the node's own acts; the sequencer checks it like any other.
    /// - Parameters:
    ///   - act: An act by the node.
    ///   - nodeSigner: The node's key.
    public init(nodeAct act: Act, signedBy nodeSigner: NoteSigner) throws {
        try self.init(act: act, signedBy: nodeSigner)
    }

    /// Signs an act with a key held in this process, which therefore needs no verification; ``ForumState/check(_:at:)``
    /// still checks that the key is the actor's.
    /// - Parameters:
    ///   - act: The act.
    ///   - signer: The key that signs it.
    public init(act: Act, signedBy signer: NoteSigner) throws {
        self.entry = try act.signed(by: [signer]).bytes
        self.act = act
        self.signer = signer.verifier
    }

    init(entry: [UInt8], act: Act, signer: NoteVerifier) {
        self.entry = entry
        self.act = act
        self.signer = signer
    }
}

/// A log entry parsed into its signed note and act, before any signature or rule is checked.
public struct LoggedAct: Sendable {
    /// The entry's bytes.
    public let entry: [UInt8]
    /// The signed note.
    public let note: SignedNote
    /// The act its text states.
    public let act: Act

    /// Parses an entry.
    /// - Parameter entry: The entry's bytes.
    public init(parsing entry: [UInt8]) throws(ActError) {
        guard entry.count <= ForumState.maximumActSize else {
            throw ActError(.tooLarge, "an act is at most \(ForumState.maximumActSize) bytes; this one has \(entry.count)")
        }
        do { note = try SignedNote(parsing: entry) } catch { throw ActError(error) }
        act = try Act(parsing: note.text)
        self.entry = entry
    }

    init(entry: [UInt8], note: SignedNote, act: Act) {
        self.entry = entry
        self.note = note
        self.act = act
    }
}

extension ForumState {
    /// The most bytes an act may have: the largest entry a C2SP entry bundle can hold.
    public static let maximumActSize = 65_535

    /// Parses a submitted note, checks that it belongs to this forum and that a key of its actor signed it.
    ///
    /// This is the expensive step (an Ed25519 verification) and needs no ordering, so it can run on many requests at
    /// once; ``check(_:)`` then orders the act against the state.
    /// - Parameter entry: The note's bytes as submitted.
    public func verify(entry: [UInt8]) throws(ActError) -> VerifiedAct {
        let (note, act) = try parse(entry: entry)
        let member = try actingMember(act)
        let keys = signingKeys(of: member)
        let verified = try verify(note, act: act, entry: entry) { name, id in keys.first { $0.name == name && $0.keyID == id } }
        try checkContactKey(verified.signer, of: member, for: act.body.kind)
        return verified
    }

    /// Parses an entry of the log and checks its signature against the keys registered to its actor now, accepting
    /// the node's own acts: how an auditor (or the node, reopening its store) replays the record.
    /// - Parameters:
    ///   - entry: The entry's bytes.
    ///   - checkingSignature: `false` to trust the entry's signature (the node's own store).
    public func verifyLogged(entry: [UInt8], checkingSignature: Bool = true) throws(ActError) -> VerifiedAct {
        let logged = try LoggedAct(parsing: entry)
        let signatures = checkingSignature ? ForumReplay.verifySignatures(of: logged.note, candidates: try keys(of: logged.act.actor)) : nil
        return try admit(logged, signatures: signatures)
    }

    /// Accepts a parsed log entry whose signatures were verified elsewhere (in parallel, say).
    /// - Parameters:
    ///   - logged: The parsed entry.
    ///   - signatures: For each key a signature line named, whether its signature verified; `nil` to trust the entry.
    public func admit(_ logged: LoggedAct, signatures: [NoteVerifier: Bool]?) throws(ActError) -> VerifiedAct {
        guard logged.act.origin == origin else {
            throw ActError(.wrongOrigin, "the act is for forum '\(logged.act.origin)', this forum is '\(origin)'")
        }
        let keys = try keys(of: logged.act.actor)
        var signer: NoteVerifier?
        for line in logged.note.signatures {
            guard let key = keys.first(where: { $0.name == line.keyName && $0.keyID == line.keyID }) else { continue }
            if let signatures, signatures[key] != true {
                throw ActError(.badSignature, "the signature of key \(key.name) on this act does not verify")
            }
            signer = signer ?? key
        }
        guard let signer else { throw ActError(.unknownKey, "no signature on the act comes from a registered key of \(logged.act.actor)") }
        if case .member(let id) = logged.act.actor, let member = members[id] { try checkContactKey(signer, of: member, for: logged.act.body.kind) }
        return VerifiedAct(entry: logged.entry, act: logged.act, signer: signer)
    }

    /// The keys registered to an actor now: the node key, or a member's keys and its contacts' keys.
    func keys(of actor: Act.Actor) throws(ActError) -> [NoteVerifier] {
        switch actor {
        case .node: return [nodeKey]
        case .member(let id):
            guard let member = members[id] else { throw ActError(.unknownMember, "\(id) is not a member of this forum") }
            return signingKeys(of: member)
        }
    }

    /// A member's keys, then its contacts' keys: every key whose signature may be the member's, for some act type.
    func signingKeys(of member: Member) -> [NoteVerifier] {
        member.keys + communication.contactKeys(of: member.id).map(\.key)
    }

    /// Refuses an act signed by a contact key, unless contact keys may sign acts of its type (acknowledgements and
    /// answers).
    private func checkContactKey(_ signer: NoteVerifier, of member: Member, for kind: Act.Kind) throws(ActError) {
        guard !kind.acceptsContactKey, !member.keys.contains(signer) else { return }
        throw ActError(
            .contactKeyNotAllowed,
            "key \(signer.name) is a contact key of \(member.id): it signs acknowledgements and answers only; sign a '\(kind.rawValue)' act "
                + "with one of \(member.id)'s own keys")
    }

    private func parse(entry: [UInt8]) throws(ActError) -> (SignedNote, Act) {
        let logged = try LoggedAct(parsing: entry)
        guard logged.act.origin == origin else {
            throw ActError(.wrongOrigin, "the act is for forum '\(logged.act.origin)', this forum is '\(origin)'")
        }
        return (logged.note, logged.act)
    }

    private func verify(
        _ note: SignedNote, act: Act, entry: [UInt8], key: (String, NoteKeyID) -> NoteVerifier?
    ) throws(ActError) -> VerifiedAct {
        do {
            let signers = try note.verify(using: key)
            return VerifiedAct(entry: entry, act: act, signer: signers[0])
        } catch {
            if error.code == .unknownKey {
                throw ActError(.unknownKey, "no signature on the act comes from a registered key of \(act.actor)")
            }
            throw ActError(error)
        }
    }

    /// Checks a verified act against the current state and returns the changes it makes.
    ///
    /// Checks again what may have changed since ``verify(entry:)``: the member's status, the signing key and the
    /// sequence number.
    /// - Parameters:
    ///   - verified: An act that ``verify(entry:)`` or ``verifyLogged(entry:checkingSignature:)`` returned, or one of
    ///     the node's own.
    ///   - index: The log index the act will have.
    public func check(_ verified: VerifiedAct, at index: UInt64) throws(ActError) -> [ForumChange] {
        let act = verified.act
        var changes: [ForumChange]
        switch act.actor {
        case .node:
            guard verified.signer == nodeKey else { throw ActError(.unknownKey, "the node's acts are signed with the node key") }
            try checkSequence(act.sequence, last: nodeSequence, actor: act.actor)
            changes = try checkNodeAct(act.body, at: index)
        case .member:
            let member = try actingMember(act)
            guard signingKeys(of: member).contains(verified.signer) else {
                throw ActError(.unknownKey, "key \(verified.signer.name) is no longer registered for member \(member.id)")
            }
            try checkContactKey(verified.signer, of: member, for: act.body.kind)
            try checkSequence(act.sequence, last: member.lastSequence, actor: act.actor)
            changes = try checkMemberAct(act.body, by: member, signer: verified.signer, at: index)
        }
        changes.append(.sequenceAdvanced(act.actor, to: act.sequence))
        return changes
    }

    private func actingMember(_ act: Act) throws(ActError) -> Member {
        guard case .member(let id) = act.actor else {
            throw ActError(.nodeOnly, "acts 'by node' are written by the node itself and cannot be submitted")
        }
        guard let member = members[id] else { throw ActError(.unknownMember, "\(id) is not a member of this forum") }
        guard member.status == .active else {
            throw ActError(.suspendedMember, "member \(id) is suspended and cannot act until it is reinstated")
        }
        return member
    }

    private func checkSequence(_ sequence: UInt64, last: UInt64, actor: Act.Actor) throws(ActError) {
        if sequence <= last {
            throw ActError(.replayed, "seq \(sequence) of \(actor) was already used; the next act of \(actor) must have seq \(last + 1)")
        }
        if sequence != last + 1 {
            throw ActError(.sequenceGap, "seq \(sequence) skips ahead; the next act of \(actor) must have seq \(last + 1)")
        }
    }
}
