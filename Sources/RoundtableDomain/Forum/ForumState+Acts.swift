public import TransparencyLog

/// An act whose note parsed and whose signature verified against a key of its actor.
public struct VerifiedAct: Sendable {
    /// The note exactly as submitted; it becomes the log entry.
    public let entry: [UInt8]
    /// The parsed act.
    public let act: Act
    /// The key whose signature verified.
    public let signer: NoteVerifier
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
        guard entry.count <= Self.maximumActSize else {
            throw ActError(.tooLarge, "an act is at most \(Self.maximumActSize) bytes; this one has \(entry.count)")
        }
        let note: SignedNote
        do { note = try SignedNote(parsing: entry) } catch { throw ActError(error) }
        let act = try Act(parsing: note.text)
        guard act.origin == origin else {
            throw ActError(.wrongOrigin, "the act is for forum '\(act.origin)', this forum is '\(origin)'")
        }
        let member = try actingMember(act)
        do {
            let signers = try note.verify { name, id in member.key(named: name, id: id) }
            return VerifiedAct(entry: entry, act: act, signer: signers[0])
        } catch {
            var failure = ActError(error)
            if error.code == .unknownKey {
                failure = ActError(.unknownKey, "no signature on the act comes from a registered key of member \(member.id)")
            }
            throw failure
        }
    }

    /// Checks a verified act against the current state and returns the changes it makes.
    ///
    /// Checks again what may have changed since ``verify(entry:)``: the member's status, the signing key and the
    /// sequence number.
    /// - Parameter verified: An act that ``verify(entry:)`` returned.
    public func check(_ verified: VerifiedAct) throws(ActError) -> [ForumChange] {
        let act = verified.act
        let member = try actingMember(act)
        guard member.keys.contains(verified.signer) else {
            throw ActError(.unknownKey, "key \(verified.signer.name) is no longer registered for member \(member.id)")
        }
        try checkSequence(act.sequence, last: member.lastSequence, actor: act.actor)
        var changes: [ForumChange]
        switch act.body {
        case .credential(let credentialChanges): changes = try check(credentialChanges, by: member)
        case .genesis: throw ActError(.nodeOnly, "only the node writes the genesis, when the forum is created")
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
