import TransparencyLog

extension Act {
    /// Parses an act's text, the text of a signed note (grammar in `docs/acts.md`).
    /// - Parameter text: The note text, every line ending with a newline.
    /// - Throws: ``ActError/Code/malformedAct`` naming the line that is wrong.
    public init(parsing text: String) throws(ActError) {
        guard text.utf8.last == 0x0A else { throw ActError(.malformedAct, "an act's text must end with a newline") }
        var lines = ActLines(Substring(text.utf8.dropLast()).parts(separatedBy: 0x0A))
        let origin = try lines.next("the forum origin")
        guard !origin.utf8.contains(0x20), !origin.utf8.contains(UInt8(ascii: "+")) else {
            throw ActError(.malformedAct, "line 1 must be the forum origin, with no spaces or '+'")
        }
        let type = try lines.field("act")
        let actor = try Self.actor(try lines.field("by"))
        let sequence = try Self.sequence(try lines.field("seq"))
        guard let kind = Kind(rawValue: String(type)) else {
            throw ActError(
                .malformedAct, "line 2 names the act type '\(type)'; known types: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let body = try Self.body(kind, &lines)
        try lines.expectEnd()
        self.init(origin: String(origin), actor: actor, sequence: sequence, body: body)
    }

    /// Parses the lines after the header as the body of an act of this type.
    private static func body(_ kind: Kind, _ lines: inout ActLines) throws(ActError) -> Body {
        switch kind {
        case .genesis: .genesis(try genesis(&lines))
        case .credential: .credential(try credentialChanges(&lines))
        case .propose: .propose(try proposal(&lines))
        case .object: try object(&lines)
        case .vote: try vote(&lines)
        case .explain: try explain(&lines)
        case .withdraw: .withdraw(proposal: try proposalNumber(&lines))
        case .circulate: .circulate(proposal: try proposalNumber(&lines), at: try Timestamp(parsing: lines.field("at")))
        case .consensusCall: try consensusCall(&lines)
        case .ballot: .ballot(try ballotOpening(&lines))
        case .close: .close(proposal: try proposalNumber(&lines), at: try Timestamp(parsing: lines.field("at")))
        case .decision: .decision(try decision(&lines))
        case .collection: .collection(try collection(&lines))
        case .exchange: .exchange(try exchange(&lines))
        case .contact: .contact(try contactChange(&lines))
        case .askCheck: .askCheck(contacts: try askedContacts(&lines))
        case .check: .check(try checkOpening(&lines))
        case .ack: .acknowledge(try acknowledgement(&lines))
        case .request: .request(try requestDraft(&lines))
        case .deliver: .deliver(try deliveryOpenings(&lines))
        case .answer: try answer(&lines)
        case .closeRequest: try closeRequest(&lines)
        case .overdue: .overdue(try overdueRecord(&lines))
        }
    }

    private static func actor(_ text: Substring) throws(ActError) -> Actor {
        text == "node" ? .node : .member(try MemberID(text))
    }

    private static func sequence(_ text: Substring) throws(ActError) -> UInt64 {
        guard let value = UInt64(text), value >= 1, value <= maximumSequence, String(value) == text else {
            throw ActError(.malformedAct, "'seq \(text)': the sequence number is a decimal from 1 to 2^63-1 without leading zeros")
        }
        return value
    }

    private static func genesis(_ lines: inout ActLines) throws(ActError) -> Genesis {
        let forumName = String(try lines.field("forum"))
        let nodeKey = try verifier(try lines.field("node-key"))
        var settings: [RuleSetting] = []
        while lines.nextStarts(with: "rule ") { settings.append(try RuleSetting(parsing: try lines.field("rule"))) }
        let rules = try Rules.defaults.applying(settings)
        var founders: [Genesis.Founder] = []
        while !lines.isAtEnd {
            let fields = try lines.field("founder").parts(separatedBy: 0x20, maxSplits: 2, omittingEmpty: true)
            guard fields.count == 3 else {
                throw ActError(.malformedAct, "line \(lines.number): a founder line reads 'founder MEMBER-ID VKEY DISPLAY NAME'")
            }
            founders.append(.init(id: try MemberID(fields[0]), key: try verifier(fields[1]), displayName: String(fields[2])))
        }
        return try Genesis(forumName: forumName, nodeKey: nodeKey, founders: founders, rules: rules)
    }

    private static func credentialChanges(_ lines: inout ActLines) throws(ActError) -> [CredentialChange] {
        var changes: [CredentialChange] = []
        while !lines.isAtEnd {
            let line = try lines.next("a credential change")
            changes.append(try credentialChange(line, lineNumber: lines.number))
        }
        guard !changes.isEmpty else { throw ActError(.malformedAct, "a credential act needs at least one change line") }
        return changes
    }

    private static func credentialChange(_ line: Substring, lineNumber: Int) throws(ActError) -> CredentialChange {
        let fields = line.parts(separatedBy: 0x20)
        switch (fields.first, fields.count) {
        case ("add-key", 2): return .addKey(try verifier(fields[1]))
        case ("revoke-key", 2): return .revokeKey(try verifier(fields[1]))
        case ("add-token", 3):
            guard fields[2].utf8.count == 64, fields[2].utf8.allSatisfy({ !(UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }),
                let digest = Hex.decode(fields[2])
            else {
                throw ActError(.malformedAct, "line \(lineNumber): a token digest is 64 lowercase hex digits")
            }
            return .addToken(try APIToken(label: String(fields[1]), sha256: digest))
        case ("revoke-token", 2):
            try APIToken.validate(label: String(fields[1]))
            return .revokeToken(label: String(fields[1]))
        case ("add-witness", 3):
            try MemberWitness.validate(url: String(fields[2]))
            return .addWitness(try cosignatureVerifier(fields[1]), url: String(fields[2]))
        case ("retire-witness", 2): return .retireWitness(try cosignatureVerifier(fields[1]))
        default:
            throw ActError(
                .malformedAct,
                "line \(lineNumber): '\(line)' is not a credential change; "
                    + "use add-key VKEY, revoke-key VKEY, add-token LABEL SHA256, revoke-token LABEL, add-witness VKEY URL "
                    + "or retire-witness VKEY"
            )
        }
    }

    static func cosignatureVerifier(_ text: Substring) throws(ActError) -> CosignatureVerifier {
        do { return try CosignatureVerifier(parsing: text) } catch {
            throw ActError(.malformedAct, "'\(text)' is not a witness key (NAME+KEYID+BASE64 of type 0x04, from keygen --witness): \(error.message)")
        }
    }

    static func verifier(_ text: Substring) throws(ActError) -> NoteVerifier {
        do { return try NoteVerifier(parsing: text) } catch {
            throw ActError(.malformedAct, "'\(text)' is not a verifier key: \(error.message)")
        }
    }
}

/// A cursor over an act's lines that reports the line number of what it finds wrong.
struct ActLines {
    private let lines: [Substring]
    private(set) var number = 0

    init(_ lines: [Substring]) { self.lines = lines }

    var isAtEnd: Bool { number >= lines.count }

    /// Whether the next line begins with this prefix.
    func nextStarts(with prefix: String) -> Bool { !isAtEnd && lines[number].hasPrefix(prefix) }

    /// Throws unless every line was read.
    func expectEnd() throws(ActError) {
        guard isAtEnd else { throw ActError(.malformedAct, "line \(number + 1) is one line too many: '\(lines[number].prefix(80))'") }
    }

    mutating func next(_ expected: @autoclosure () -> String) throws(ActError) -> Substring {
        guard !isAtEnd else { throw ActError(.malformedAct, "the act ends where line \(number + 1) should hold \(expected())") }
        number += 1
        let line = lines[number - 1]
        guard !line.isEmpty else { throw ActError(.malformedAct, "line \(number) is empty; acts have no blank lines") }
        return line
    }

    /// Reads a `<keyword> <value>` line and returns the value.
    mutating func field(_ keyword: String) throws(ActError) -> Substring {
        let line = try next("'\(keyword) ...'")
        let bytes = line.utf8
        let length = keyword.utf8.count
        guard bytes.count > length + 1, bytes.starts(with: keyword.utf8), bytes[bytes.index(bytes.startIndex, offsetBy: length)] == 0x20 else {
            throw ActError(.malformedAct, "line \(number) must read '\(keyword) VALUE', found '\(line.prefix(80))'")
        }
        return Substring(bytes.dropFirst(length + 1))
    }
}

extension Substring {
    /// The parts between the `separator` bytes. An act's fields are split by bytes, not by characters: a separator
    /// followed by a combining mark still separates.
    /// - Parameters:
    ///   - separator: The separator, an ASCII byte.
    ///   - maxSplits: The most splits made; the last part holds the rest.
    ///   - omittingEmpty: Whether empty parts are left out (kept by default: two separators in a row make an empty field).
    func parts(separatedBy separator: UInt8, maxSplits: Int = .max, omittingEmpty: Bool = false) -> [Substring] {
        guard !omittingEmpty else {
            return utf8.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: true).map { Substring($0) }
        }
        // The common case by hand: the standard library's generic split costs more than the rest of a line's parsing.
        let bytes = utf8
        var parts: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex, parts.count < maxSplits {
            if bytes[index] == separator {
                parts.append(Substring(bytes[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        parts.append(Substring(bytes[start...]))
        return parts
    }
}
