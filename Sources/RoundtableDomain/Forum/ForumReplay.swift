public import TransparencyLog

/// Rebuilds a forum's state from its log, entry by entry from the genesis, checking every act by the same rules the
/// node applied when it accepted it. The node replays its own store when it opens; `roundtable audit` replays the
/// public log and reports every entry that does not follow from the ones before it.
public struct ForumReplay: Sendable {
    /// An entry that does not follow the rules.
    public struct Problem: Sendable, CustomStringConvertible {
        /// The entry's log index.
        public let index: UInt64
        /// Why it does not follow.
        public let error: ActError
        /// The entry's bytes, as the log holds them.
        public let entry: [UInt8]

        public var description: String { "entry \(index): \(error.code): \(error.message)" }
    }

    /// The state after the entries replayed so far; `nil` before the genesis.
    public private(set) var state: ForumState?
    /// The index of the next entry to replay.
    public private(set) var nextIndex: UInt64 = 0
    /// Every entry that did not follow, in log order.
    public private(set) var problems: [Problem] = []

    /// Starts before the genesis.
    public init() {}

    /// Resumes a replay where an earlier one stood, with no problem found yet.
    /// - Parameters:
    ///   - state: The state after the entries before `nextIndex`; `nil` only before the genesis.
    ///   - nextIndex: The index of the next entry to replay.
    public init(resuming state: ForumState?, at nextIndex: UInt64) {
        self.state = state
        self.nextIndex = nextIndex
    }

    /// Replays the next entry, parsing it and checking its signatures here.
    /// - Parameters:
    ///   - entry: The entry's bytes.
    ///   - checkingSignature: `false` to trust its signatures (the node's own store).
    public mutating func apply(entry: [UInt8], checkingSignature: Bool) {
        do throws(ActError) {
            let logged = try LoggedAct(parsing: entry)
            var signatures: [NoteVerifier: Bool]?
            if checkingSignature { signatures = Self.verifySignatures(of: logged.note, candidates: keys(for: logged)) }
            apply(logged, signatures: signatures)
        } catch {
            skipUnparsable(entry, error)
        }
    }

    /// Records an entry that does not parse as an act.
    mutating func skipUnparsable(_ entry: [UInt8], _ error: ActError) {
        problems.append(Problem(index: nextIndex, error: error, entry: entry))
        nextIndex += 1
    }

    /// Replays the next entry, already parsed, with its signatures verified elsewhere.
    /// - Parameters:
    ///   - logged: The parsed entry.
    ///   - signatures: For each key named on a signature line, whether it verified; `nil` to trust the entry.
    public mutating func apply(_ logged: LoggedAct, signatures: [NoteVerifier: Bool]?) {
        let index = nextIndex
        nextIndex += 1
        do throws(ActError) {
            guard var state = state.take() else {
                let (genesis, _) = try ForumState.genesis(logged.act)
                if let signatures, signatures[genesis.nodeKey] != true {
                    throw ActError(.badSignature, "the genesis is not signed by the node key it names")
                }
                self.state = genesis
                return
            }
            defer { self.state = state }
            let verified = try state.admit(logged, signatures: signatures)
            state.apply(try state.check(verified, at: index))
        } catch {
            problems.append(Problem(index: index, error: error, entry: logged.entry))
            skip(logged.act)
        }
    }

    /// Keeps an actor's numbering in step past a refused act, so that one bad entry is reported once.
    private mutating func skip(_ act: Act) {
        guard var state else { return }
        let last = act.actor == .node ? state.nodeSequence : state.members[memberID(act.actor)!]?.lastSequence
        if let last, act.sequence == last + 1 { state.apply([.sequenceAdvanced(act.actor, to: act.sequence)]) }
        self.state = state
    }

    private func memberID(_ actor: Act.Actor) -> MemberID? {
        if case .member(let id) = actor { id } else { nil }
    }

    /// The keys of the entry's actor as the state stands, or the key its genesis names.
    private func keys(for logged: LoggedAct) -> [NoteVerifier] {
        guard let state else {
            if case .genesis(let genesis) = logged.act.body { return [genesis.nodeKey] }
            return []
        }
        return (try? state.keys(of: logged.act.actor)) ?? []
    }

    /// Verifies each signature line of a note against the candidate keys with its name and key ID.
    /// - Parameters:
    ///   - note: The note.
    ///   - candidates: Keys that may have signed it.
    /// - Returns: For each candidate named on a signature line, whether its signature verified.
    public static func verifySignatures(of note: SignedNote, candidates: [NoteVerifier]) -> [NoteVerifier: Bool] {
        var results: [NoteVerifier: Bool] = [:]
        let message = Array(note.text.utf8)
        for line in note.signatures {
            for key in candidates where key.name == line.keyName && key.keyID == line.keyID {
                results[key] = results[key] == true || key.isValidSignature(line.signature, for: message)
            }
        }
        return results
    }
}
