public import TransparencyLog

/// Every key named anywhere in a log so far (the genesis, `add-key` lines, admissions), by key name and key ID: the
/// candidates a signature line may come from. Whether a candidate was registered to the actor at that point is
/// checked later, in log order, by ``ForumReplay``.
public struct KeyDirectory: Sendable, Codable {
    private struct Name: Hashable {
        let name: String
        let id: NoteKeyID
    }

    private var keys: [Name: [NoteVerifier]] = [:]

    /// An empty directory.
    public init() {}

    /// Decodes a directory saved as the list of its keys.
    public init(from decoder: any Decoder) throws {
        for key in try decoder.singleValueContainer().decode([NoteVerifier].self) { add(key) }
    }

    /// Encodes the directory as the list of its keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(keys.values.flatMap { $0 })
    }

    /// The keys with this name and key ID.
    func candidates(name: String, id: NoteKeyID) -> [NoteVerifier] { keys[Name(name: name, id: id)] ?? [] }

    mutating func add(keysNamedBy act: Act) {
        switch act.body {
        case .genesis(let genesis): ([genesis.nodeKey] + genesis.founders.map(\.key)).forEach { add($0) }
        case .credential(let changes):
            for case .addKey(let key) in changes { add(key) }
        case .propose(let draft):
            if case .admission(let member) = draft.subject { add(member.key) }
        case .contact(.add(let entry)), .contact(.update(let entry)):
            if let key = entry.key { add(key) }
        case .object, .vote, .explain, .withdraw, .circulate, .consensusCall, .ballot, .close, .decision, .collection, .exchange, .contact,
            .askCheck, .check, .acknowledge, .request, .deliver, .answer, .closeRequest, .overdue:
            break
        }
    }

    private mutating func add(_ key: NoteVerifier) {
        let name = Name(name: key.name, id: key.keyID)
        if !(keys[name]?.contains(key) ?? false) { keys[name, default: []].append(key) }
    }
}

/// Parsing and signature verification of a run of log entries on several cores, ahead of their replay in order.
public enum ReplayBatch {
    /// An entry parsed, with the outcome of each of its signatures.
    public struct Prepared: Sendable {
        /// The entry's bytes.
        public let entry: [UInt8]
        /// The parsed entry, or why it does not parse.
        public let parsed: Result<LoggedAct, ActError>
        /// For each candidate key named on a signature line, whether its signature verified.
        public let signatures: [NoteVerifier: Bool]
    }

    /// Parses entries and verifies every signature line against the keys named so far, on `parallelism` tasks.
    /// - Parameters:
    ///   - entries: Consecutive entries of the log.
    ///   - keys: The keys named by the entries before these.
    ///   - parallelism: How many tasks to use; the machine's core count suits.
    /// - Returns: The prepared entries, in order, and the directory with the keys these entries name.
    public static func prepare(_ entries: [[UInt8]], keys: KeyDirectory, parallelism: Int) async -> (prepared: [Prepared], keys: KeyDirectory) {
        let parsed = await inParallel(entries, parallelism) { entry -> (entry: [UInt8], parsed: Result<LoggedAct, ActError>) in
            do throws(ActError) { return (entry, .success(try LoggedAct(parsing: entry))) } catch { return (entry, .failure(error)) }
        }
        var keys = keys
        for case (_, .success(let logged)) in parsed { keys.add(keysNamedBy: logged.act) }
        let directory = keys
        let prepared = await inParallel(parsed, parallelism) { entry, parsed -> Prepared in
            guard case .success(let logged) = parsed else { return Prepared(entry: entry, parsed: parsed, signatures: [:]) }
            let candidates = logged.note.signatures.flatMap { directory.candidates(name: $0.keyName, id: $0.keyID) }
            return Prepared(entry: entry, parsed: parsed, signatures: ForumReplay.verifySignatures(of: logged.note, candidates: candidates))
        }
        return (prepared, keys)
    }

    private static func inParallel<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], _ parallelism: Int, _ transform: @escaping @Sendable (Input) -> Output
    ) async -> [Output] {
        // More slices than cores, so that a core whose slice ends early (or was preempted) takes another.
        let slices = max(1, min(parallelism * 4, inputs.count))
        let size = (inputs.count + slices - 1) / max(slices, 1)
        return await withTaskGroup(of: (Int, [Output]).self) { group in
            for slice in 0..<slices {
                let range = min(slice * size, inputs.count)..<min((slice + 1) * size, inputs.count)
                let part = Array(inputs[range])
                group.addTask { (slice, part.map(transform)) }
            }
            var parts = [[Output]](repeating: [], count: slices)
            for await (slice, outputs) in group { parts[slice] = outputs }
            return parts.flatMap { $0 }
        }
    }
}

extension ForumReplay {
    /// Replays prepared entries in order.
    /// - Parameter batch: Entries that ``ReplayBatch/prepare(_:keys:parallelism:)`` returned.
    public mutating func apply(_ batch: [ReplayBatch.Prepared]) {
        for prepared in batch {
            switch prepared.parsed {
            case .success(let logged): apply(logged, signatures: prepared.signatures)
            case .failure(let error): skipUnparsable(prepared.entry, error)
            }
        }
    }
}
