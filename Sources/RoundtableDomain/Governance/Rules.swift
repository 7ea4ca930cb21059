/// The rules of procedure in force, as data: the genesis names them and `rules` proposals amend them.
///
/// A ballot is counted under the rules in force when it opened; a consensus call lasts the silence period in force
/// when it opened.
public struct Rules: Hashable, Sendable, Codable {
    /// More than this fraction of the electorate must take part (any vote, abstentions included) for a decision.
    public var quorum: Fraction
    /// Seconds a proposal circulates before the consensus call opens (GA rule 78: the day before).
    public var circulation: Int64
    /// Seconds the consensus call (silence procedure) stays open for a member to ask for a recorded vote.
    public var silence: Int64
    /// Seconds a recorded ballot stays open.
    public var votingWindow: Int64
    /// Kinds of proposal that are important questions and need two-thirds; always including ``fixedImportant``.
    public var important: Set<ProposalKind>
    /// How many of the members' witnesses must cosign a checkpoint for it to count.
    public var witnessQuorum: WitnessQuorum = .majority
    /// The schedule of communication checks and the deadlines of acknowledgements (`docs/communication.md`).
    public var communication = CommunicationRules()
    /// The language members write in — proposals' titles and texts, explanations, names — unless an act declares
    /// another: a BCP 47 tag, `en` unless a rule says otherwise.
    public var language = "en"

    /// The important questions no rule can remove: admission, suspension and amendments of the rules themselves are
    /// always two-thirds questions (UN Charter Art. 18(2); GA rules of procedure 83, 85 and 136).
    public static let fixedImportant: Set<ProposalKind> = [.admission, .suspension, .rules]

    /// The rules a forum starts with unless its genesis says otherwise: quorum 1/2, 24 h circulation, 72 h silence,
    /// a 7-day ballot, and admission, suspension and rules amendments as important questions.
    public static let defaults = try! Rules(
        quorum: Fraction(1, 2), circulation: 86_400, silence: 259_200, votingWindow: 604_800,
        important: [.admission, .suspension, .rules]
    )

    /// Creates rules.
    /// - Parameters:
    ///   - quorum: The quorum fraction.
    ///   - circulation: The circulation period in seconds.
    ///   - silence: The silence period in seconds.
    ///   - votingWindow: The voting window in seconds, at least 1.
    ///   - important: The kinds needing two-thirds, besides ``fixedImportant``, which are always added.
    public init(quorum: Fraction, circulation: Int64, silence: Int64, votingWindow: Int64, important: Set<ProposalKind>) throws(ActError) {
        for (name, value) in [("circulation", circulation), ("silence", silence), ("voting-window", votingWindow)] {
            guard (0...RuleSetting.maximumDuration).contains(value) else {
                throw ActError(.malformedAct, "rule \(name) must be between 0 s and 366 d")
            }
        }
        self.quorum = quorum
        self.circulation = circulation
        self.silence = silence
        self.votingWindow = votingWindow
        self.important = important.union(Self.fixedImportant)
    }

    /// The threshold a proposal of this kind needs under these rules.
    /// - Parameter kind: The proposal's kind.
    public func threshold(for kind: ProposalKind) -> Threshold {
        important.contains(kind) ? .twoThirds : .simpleMajority
    }

    /// Every rule as a setting, in the order acts write them.
    public var settings: [RuleSetting] {
        [
            .quorum(quorum), .circulation(circulation), .silence(silence), .votingWindow(votingWindow), .important(important),
            .witnessQuorum(witnessQuorum), .checkInterval(communication.checkInterval), .checkAnswer(communication.checkAnswer),
        ] + Urgency.allCases.map { .ackDeadline($0, communication.ackDeadline($0)) } + [
            .requestParties(communication.requestParties), .language(language),
        ]
    }

    /// These rules with settings applied in order.
    /// - Parameter settings: The changed rules.
    public func applying(_ settings: [RuleSetting]) throws(ActError) -> Rules {
        var rules = self
        for setting in settings {
            switch setting {
            case .quorum(let value): rules.quorum = value
            case .circulation(let value): rules.circulation = value
            case .silence(let value): rules.silence = value
            case .votingWindow(let value): rules.votingWindow = value
            case .important(let value): rules.important = value
            case .witnessQuorum(let value): rules.witnessQuorum = value
            case .checkInterval(let value): rules.communication.checkInterval = value
            case .checkAnswer(let value): rules.communication.checkAnswer = value
            case .ackDeadline(let urgency, let value): rules.communication.setAckDeadline(urgency, value)
            case .requestParties(let value): rules.communication.requestParties = value
            case .language(let value): rules.language = value
            }
        }
        var checked = try Rules(
            quorum: rules.quorum, circulation: rules.circulation, silence: rules.silence, votingWindow: rules.votingWindow,
            important: rules.important)
        checked.witnessQuorum = rules.witnessQuorum
        checked.communication = try rules.communication.checked()
        checked.language = rules.language
        return checked
    }
}

/// One rule of procedure as a `rule <name> <value>` line of a genesis or a rules amendment.
public enum RuleSetting: Hashable, Sendable, CustomStringConvertible, Codable {
    /// `rule quorum 1/2`.
    case quorum(Fraction)
    /// `rule circulation 24h`.
    case circulation(Int64)
    /// `rule silence 72h`.
    case silence(Int64)
    /// `rule voting-window 7d`.
    case votingWindow(Int64)
    /// `rule important admission,suspension,rules`.
    case important(Set<ProposalKind>)
    /// `rule witness-quorum majority` or `rule witness-quorum 3`.
    case witnessQuorum(WitnessQuorum)
    /// `rule check-interval 180d`: how often the node checks each member's contacts.
    case checkInterval(Int64)
    /// `rule check-answer 72h`: how long a contact has to answer a check.
    case checkAnswer(Int64)
    /// `rule ack-routine 72h`, `rule ack-urgent 24h`, `rule ack-critical 2h`: how long a recipient has to acknowledge a
    /// request of that urgency.
    case ackDeadline(Urgency, Int64)
    /// `rule request-parties sealed` or `rule request-parties public`: whether the log names a request's recipients.
    case requestParties(CommunicationRules.Parties)
    /// `rule language en`: the language members write in unless an act declares another (a BCP 47 tag).
    case language(String)

    /// The longest period a rule may set: 366 days.
    public static let maximumDuration: Int64 = 366 * 86_400

    /// The rule's name.
    public var name: String {
        switch self {
        case .quorum: "quorum"
        case .circulation: "circulation"
        case .silence: "silence"
        case .votingWindow: "voting-window"
        case .important: "important"
        case .witnessQuorum: "witness-quorum"
        case .checkInterval: "check-interval"
        case .checkAnswer: "check-answer"
        case .ackDeadline(let urgency, _): "ack-\(urgency.rawValue)"
        case .requestParties: "request-parties"
        case .language: "language"
        }
    }

    /// `<name> <value>`, as it follows `rule ` on a line.
    public var description: String {
        switch self {
        case .quorum(let value): "quorum \(value)"
        case .circulation(let value), .silence(let value), .votingWindow(let value): "\(name) \(Self.durationText(value))"
        case .important(let kinds):
            "important \(ProposalKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ","))"
        case .witnessQuorum(let value): "witness-quorum \(value)"
        case .checkInterval(let value), .checkAnswer(let value), .ackDeadline(_, let value): "\(name) \(Self.durationText(value))"
        case .requestParties(let value): "request-parties \(value.rawValue)"
        case .language(let value): "language \(value)"
        }
    }

    /// Parses `<name> <value>`.
    /// - Parameter text: The text after `rule `.
    public init(parsing text: some StringProtocol) throws(ActError) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 2 else { throw ActError(.malformedAct, "'rule \(text)' must read 'rule NAME VALUE'") }
        let value = fields[1]
        switch fields[0] {
        case "quorum": self = .quorum(try Fraction(parsing: value))
        case "circulation": self = .circulation(try Self.duration(value))
        case "silence": self = .silence(try Self.duration(value))
        case "voting-window": self = .votingWindow(try Self.duration(value))
        case "important":
            var kinds = Set<ProposalKind>()
            for word in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let kind = ProposalKind(rawValue: String(word)) else {
                    throw ActError(
                        .malformedAct,
                        "'\(word)' is not a proposal kind; kinds: \(ProposalKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                kinds.insert(kind)
            }
            let missing = Rules.fixedImportant.subtracting(kinds)
            guard missing.isEmpty else {
                let names = ProposalKind.allCases.filter(missing.contains).map(\.rawValue).joined(separator: ", ")
                throw ActError(
                    .fixedImportantQuestion,
                    "'rule important \(value)' leaves out \(names): admission, suspension and rules amendments are always "
                        + "important questions, decided by two-thirds (UN Charter Art. 18(2); GA rules 83, 85, 136); "
                        + "a rule may add kinds to them, never remove these")
            }
            self = .important(kinds)
        case "witness-quorum": self = .witnessQuorum(try WitnessQuorum(parsing: value))
        case "check-interval": self = .checkInterval(try Self.duration(value))
        case "check-answer": self = .checkAnswer(try Self.duration(value))
        case "ack-routine": self = .ackDeadline(.routine, try Self.duration(value))
        case "ack-urgent": self = .ackDeadline(.urgent, try Self.duration(value))
        case "ack-critical": self = .ackDeadline(.critical, try Self.duration(value))
        case "request-parties":
            guard let parties = CommunicationRules.Parties(rawValue: String(value)) else {
                throw ActError(.malformedAct, "'rule request-parties \(value)': write sealed or public")
            }
            self = .requestParties(parties)
        case "language": self = .language(try LanguageTag.validate(value))
        default:
            throw ActError(
                .malformedAct,
                "'\(fields[0])' is not a rule; rules: quorum, circulation, silence, voting-window, important, witness-quorum, "
                    + "check-interval, check-answer, ack-routine, ack-urgent, ack-critical, request-parties, language")
        }
    }

    private static let units: [(suffix: String, seconds: Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// A duration as the largest whole unit: `72h`, `7d`, `90s`.
    static func durationText(_ seconds: Int64) -> String {
        let unit = units.first { seconds % $0.seconds == 0 && seconds > 0 } ?? ("s", 1)
        return "\(seconds / unit.seconds)\(unit.suffix)"
    }

    private static func duration(_ text: some StringProtocol) throws(ActError) -> Int64 {
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }), let count = Int64(text.dropLast()),
            String(count) == String(text.dropLast()), count >= 0, count <= maximumDuration / unit.seconds
        else {
            throw ActError(.malformedAct, "'\(text)' is not a duration; write a whole number and a unit: 90s, 30m, 24h, 7d (at most 366d)")
        }
        return count * unit.seconds
    }
}

extension Rules {
    private enum CodingKeys: String, CodingKey {
        case quorum, circulation, silence, votingWindow, important, witnessQuorum, communication, language
    }

    /// Decodes rules, giving the rules a saved state predates their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            quorum: container.decode(Fraction.self, forKey: .quorum), circulation: container.decode(Int64.self, forKey: .circulation),
            silence: container.decode(Int64.self, forKey: .silence), votingWindow: container.decode(Int64.self, forKey: .votingWindow),
            important: container.decode(Set<ProposalKind>.self, forKey: .important))
        witnessQuorum = try container.decodeIfPresent(WitnessQuorum.self, forKey: .witnessQuorum) ?? .majority
        communication = try container.decodeIfPresent(CommunicationRules.self, forKey: .communication) ?? CommunicationRules()
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? "en"
    }
}
