/// A C2SP tlog-policy: the logs a client trusts, the witnesses it knows, and the quorum of cosignatures a checkpoint
/// needs before the client relies on it.
///
/// The text is line based: `log <vkey> [url]`, `witness <name> <vkey> [url]`, `group <name> <k|any|all> <name>…`
/// (naming only witnesses and groups defined above it) and exactly one `quorum <name|none>`; `#` starts a comment and
/// blank lines are ignored. Witness and group names share one namespace, and `none` is reserved.
public struct WitnessPolicy: Hashable, Sendable {
    /// A log the policy trusts.
    public struct Log: Hashable, Sendable {
        /// The log's checkpoint key.
        public let key: NoteVerifier
        /// Where the log is served, if the policy says.
        public let url: String?

        /// Creates a log line.
        public init(key: NoteVerifier, url: String? = nil) {
            self.key = key
            self.url = url
        }
    }

    /// A witness the policy knows.
    public struct Witness: Hashable, Sendable {
        /// The witness's name in the policy (not necessarily its key name).
        public let name: String
        /// Its cosignature key.
        public let key: CosignatureVerifier
        /// Where its tlog-witness API is, if the policy says.
        public let url: String?

        /// Creates a witness line.
        public init(name: String, key: CosignatureVerifier, url: String? = nil) {
            self.name = name
            self.key = key
            self.url = url
        }
    }

    /// How many members of a group must be satisfied.
    public enum Threshold: Hashable, Sendable, CustomStringConvertible {
        /// At least one.
        case any
        /// Every one.
        case all
        /// At least this many.
        case count(Int)

        public var description: String {
            switch self {
            case .any: "any"
            case .all: "all"
            case .count(let count): String(count)
            }
        }

        func required(of members: Int) -> Int {
            switch self {
            case .any: 1
            case .all: members
            case .count(let count): count
            }
        }
    }

    /// A group of witnesses and other groups.
    public struct Group: Hashable, Sendable {
        /// The group's name.
        public let name: String
        /// How many of its members must be satisfied.
        public let threshold: Threshold
        /// The witnesses and groups it names.
        public let members: [String]

        /// Creates a group line.
        public init(name: String, threshold: Threshold, members: [String]) {
            self.name = name
            self.threshold = threshold
            self.members = members
        }
    }

    /// The logs, in the order written.
    public private(set) var logs: [Log]
    /// The witnesses, in the order written.
    public private(set) var witnesses: [Witness]
    /// The groups, in the order written.
    public private(set) var groups: [Group]
    /// The witness or group that must be satisfied; `nil` for `quorum none`.
    public let quorum: String?

    /// Creates a policy and checks it as parsing would.
    /// - Parameters:
    ///   - logs: The logs.
    ///   - witnesses: The witnesses.
    ///   - groups: The groups, each naming only witnesses and groups before it.
    ///   - quorum: The name that must be satisfied, or `nil` for none.
    public init(logs: [Log], witnesses: [Witness], groups: [Group], quorum: String?) throws(PolicyError) {
        self.logs = []
        self.witnesses = []
        self.groups = []
        self.quorum = quorum
        for log in logs { try add(log) }
        for witness in witnesses { try add(witness) }
        for group in groups { try add(group) }
        if let quorum, !names.contains(quorum) {
            throw PolicyError("the quorum names \(quorum), which is no witness or group of the policy")
        }
    }

    /// Parses a policy file's text.
    /// - Parameter text: The policy, one statement per line.
    /// - Throws: ``PolicyError`` naming the line that is wrong.
    public init(parsing text: String) throws(PolicyError) {
        var policy = try WitnessPolicy(logs: [], witnesses: [], groups: [], quorum: nil)
        var quorum: String??
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = fields.first else { continue }
            do throws(PolicyError) {
                switch (keyword, fields.count) {
                case ("log", 2...3):
                    try policy.add(Log(key: try Self.noteKey(fields[1]), url: fields.count == 3 ? fields[2] : nil))
                case ("witness", 3...4):
                    try policy.add(Witness(name: fields[1], key: try Self.witnessKey(fields[2]), url: fields.count == 4 ? fields[3] : nil))
                case ("group", 4...):
                    try policy.add(Group(name: fields[1], threshold: try Self.threshold(fields[2]), members: Array(fields[3...])))
                case ("quorum", 2):
                    guard quorum == nil else { throw PolicyError("a policy has exactly one quorum line") }
                    quorum = fields[1] == "none" ? .some(nil) : fields[1]
                default:
                    throw PolicyError(
                        "'\(line)' is not a policy statement; write log VKEY [URL], witness NAME VKEY [URL], group NAME K|any|all NAME…, "
                            + "or quorum NAME|none")
                }
            } catch {
                throw PolicyError("line \(offset + 1): \(error.message)")
            }
        }
        guard let quorum else { throw PolicyError("the policy has no quorum line; add 'quorum NAME' or 'quorum none'") }
        self = try WitnessPolicy(logs: policy.logs, witnesses: policy.witnesses, groups: policy.groups, quorum: quorum)
    }

    /// The policy as text that ``init(parsing:)`` reads back.
    public var text: String {
        var lines = logs.map { "log \($0.key)" + ($0.url.map { " \($0)" } ?? "") }
        lines += witnesses.map { "witness \($0.name) \($0.key)" + ($0.url.map { " \($0)" } ?? "") }
        lines += groups.map { "group \($0.name) \($0.threshold) \($0.members.joined(separator: " "))" }
        lines.append("quorum \(quorum ?? "none")")
        return lines.map { $0 + "\n" }.joined()
    }

    private var names: Set<String> { Set(witnesses.map(\.name) + groups.map(\.name)) }

    private mutating func add(_ log: Log) throws(PolicyError) {
        guard !logs.contains(where: { $0.key == log.key }) else { throw PolicyError("the log \(log.key.name) is listed twice") }
        logs.append(log)
    }

    private mutating func add(_ witness: Witness) throws(PolicyError) {
        try checkNew(witness.name)
        guard !witnesses.contains(where: { $0.key == witness.key }) else {
            throw PolicyError("the witness key of \(witness.name) is listed twice")
        }
        witnesses.append(witness)
    }

    private mutating func add(_ group: Group) throws(PolicyError) {
        try checkNew(group.name)
        let known = names
        guard let unknown = group.members.first(where: { !known.contains($0) }) else {
            guard Set(group.members).count == group.members.count else { throw PolicyError("group \(group.name) names a member twice") }
            if case .count(let count) = group.threshold, count > group.members.count {
                throw PolicyError("group \(group.name) needs \(count) of only \(group.members.count) members")
            }
            groups.append(group)
            return
        }
        throw PolicyError("group \(group.name) names \(unknown), which is not a witness or group defined above it")
    }

    private func checkNew(_ name: String) throws(PolicyError) {
        guard name != "none" else { throw PolicyError("'none' is reserved and cannot name a witness or group") }
        guard !names.contains(name) else { throw PolicyError("the name \(name) is used twice") }
    }

    private static func noteKey(_ text: String) throws(PolicyError) -> NoteVerifier {
        do { return try NoteVerifier(parsing: text) } catch { throw PolicyError("'\(text)' is not a log key: \(error.message)") }
    }

    private static func witnessKey(_ text: String) throws(PolicyError) -> CosignatureVerifier {
        do { return try CosignatureVerifier(parsing: text) } catch {
            throw PolicyError("'\(text)' is not a cosignature/v1 witness key: \(error.message)")
        }
    }

    private static func threshold(_ text: String) throws(PolicyError) -> Threshold {
        switch text {
        case "any": return .any
        case "all": return .all
        default:
            guard let count = Int(text), String(count) == text, count >= 1 else {
                throw PolicyError("'\(text)' is not a group threshold; write a whole number from 1, 'any' or 'all'")
            }
            return .count(count)
        }
    }
}
