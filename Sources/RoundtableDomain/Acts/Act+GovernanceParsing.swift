import TransparencyLog

extension Act {
    /// Parses the body of a governance act (docs/governance.md §3).
    static func governanceBody(type: Substring, _ lines: inout ActLines) throws(ActError) -> Body {
        switch type {
        case "propose": return .propose(try proposal(&lines))
        case "object":
            let id = try number(lines.field("proposal"), "proposal")
            let reason = lines.isAtEnd ? nil : String(try lines.field("reason"))
            return .object(proposal: id, reason: reason)
        case "vote":
            let id = try number(lines.field("proposal"), "proposal")
            let word = try lines.field("choice")
            guard let choice = VoteChoice(rawValue: String(word)) else {
                throw ActError(.malformedAct, "line \(lines.number): 'choice \(word)': a vote is yes, no or abstain")
            }
            return .vote(proposal: id, choice: choice)
        case "explain":
            let id = try number(lines.field("proposal"), "proposal")
            let text = String(try lines.field("explanation"))
            guard text.count <= 2_000, text.last != " " else {
                throw ActError(.malformedAct, "an explanation of vote is one line of at most 2000 characters without trailing space")
            }
            return .explain(proposal: id, text: text)
        case "withdraw": return .withdraw(proposal: try number(lines.field("proposal"), "proposal"))
        case "circulate": return .circulate(proposal: try number(lines.field("proposal"), "proposal"), at: try Timestamp(parsing: lines.field("at")))
        case "consensus-call":
            return .consensusCall(
                proposal: try number(lines.field("proposal"), "proposal"), at: try Timestamp(parsing: lines.field("at")),
                until: try Timestamp(parsing: lines.field("until")))
        case "ballot":
            return .ballot(
                BallotOpening(
                    proposal: try number(lines.field("proposal"), "proposal"), opens: try Timestamp(parsing: lines.field("at")),
                    closes: try Timestamp(parsing: lines.field("closes")), threshold: try threshold(lines.field("threshold")),
                    quorum: try Fraction(parsing: lines.field("quorum")), electorate: try count(lines.field("electorate"), "electorate"),
                    rulesVersion: try count(lines.field("rules-version"), "rules-version")))
        case "close": return .close(proposal: try number(lines.field("proposal"), "proposal"), at: try Timestamp(parsing: lines.field("at")))
        case "decision": return .decision(try decision(&lines))
        default:
            throw ActError(
                .malformedAct,
                "line 2 names the act type '\(type)'; known types: genesis, credential, propose, object, vote, explain, withdraw, "
                    + "circulate, consensus-call, ballot, close, decision")
        }
    }

    private static func proposal(_ lines: inout ActLines) throws(ActError) -> ProposalDraft {
        let kindWord = try lines.field("kind")
        guard let kind = ProposalKind(rawValue: String(kindWord)) else {
            throw ActError(.malformedAct, "'kind \(kindWord)': kinds are \(ProposalKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let title = String(try lines.field("title"))
        let document = try sha256(lines.field("text"))
        var subject = ProposalDraft.Subject.none
        if lines.nextStarts(with: "admit ") {
            let fields = try lines.field("admit").split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw ActError(.malformedAct, "line \(lines.number) reads 'admit MEMBER-ID VKEY DISPLAY NAME'") }
            let founder = Genesis.Founder(id: try MemberID(fields[0]), key: try verifier(fields[1]), displayName: String(fields[2]))
            try DisplayName.validate(founder.displayName)
            subject = .admission(founder)
        } else if lines.nextStarts(with: "suspend ") {
            subject = .suspension(try MemberID(lines.field("suspend")))
        } else if lines.nextStarts(with: "rule ") {
            var settings: [RuleSetting] = []
            while lines.nextStarts(with: "rule ") { settings.append(try RuleSetting(parsing: lines.field("rule"))) }
            subject = .rules(settings)
        }
        return try ProposalDraft(kind: kind, title: title, document: document, subject: subject)
    }

    private static func decision(_ lines: inout ActLines) throws(ActError) -> DecisionRecord {
        let id = try number(lines.field("proposal"), "proposal")
        let at = try Timestamp(parsing: lines.field("at"))
        let word = try lines.field("outcome")
        guard let outcome = Outcome(rawValue: String(word)) else {
            throw ActError(.malformedAct, "'outcome \(word)': outcomes are adopted, adopted-without-vote, rejected, no-decision")
        }
        guard outcome != .adoptedWithoutVote else { return DecisionRecord(proposal: id, at: at, outcome: outcome, count: nil, counted: nil) }
        let threshold = try threshold(lines.field("threshold"))
        let quorum = try Fraction(parsing: lines.field("quorum"))
        let tally = Tally(
            electorate: try count(lines.field("electorate"), "electorate"), yes: try count(lines.field("yes"), "yes"),
            no: try count(lines.field("no"), "no"), abstain: try count(lines.field("abstain"), "abstain"))
        let range = try lines.field("counted").split(separator: "-", omittingEmptySubsequences: false)
        guard range.count == 2 else { throw ActError(.malformedAct, "line \(lines.number) reads 'counted BALLOT-INDEX-CLOSE-INDEX'") }
        let first = try number(range[0], "counted")
        let last = try number(range[1], "counted")
        guard first < last else { throw ActError(.malformedAct, "line \(lines.number): the ballot act comes before the close act") }
        return DecisionRecord(
            proposal: id, at: at, outcome: outcome, count: .init(threshold: threshold, quorum: quorum, tally: tally), counted: first...last)
    }

    private static func threshold(_ text: Substring) throws(ActError) -> Threshold {
        guard let threshold = Threshold(rawValue: String(text)) else {
            throw ActError(.malformedAct, "'\(text)' is not a threshold; thresholds are simple-majority and two-thirds")
        }
        return threshold
    }

    private static func number(_ text: Substring, _ name: String) throws(ActError) -> UInt64 {
        guard let value = UInt64(text), value <= maximumSequence, String(value) == text else {
            throw ActError(.malformedAct, "'\(name) \(text)': write a decimal number without leading zeros")
        }
        return value
    }

    private static func count(_ text: Substring, _ name: String) throws(ActError) -> Int {
        let value = try number(text, name)
        guard value <= 1_000_000 else { throw ActError(.malformedAct, "'\(name) \(text)' is out of range") }
        return Int(value)
    }

    private static func sha256(_ text: Substring) throws(ActError) -> [UInt8] {
        guard text.utf8.count == 64, !text.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }),
            let digest = Hex.decode(text)
        else { throw ActError(.malformedAct, "'\(text)' is not a SHA-256: write 64 lowercase hex digits") }
        return digest
    }
}
