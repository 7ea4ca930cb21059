import TransparencyLog

extension Act {
    /// Reads a `proposal` line: the proposal an act is about.
    static func proposalNumber(_ lines: inout ActLines) throws(ActError) -> UInt64 {
        try number(lines.field("proposal"), "proposal")
    }

    static func object(_ lines: inout ActLines) throws(ActError) -> Body {
        let id = try proposalNumber(&lines)
        let reason = lines.isAtEnd ? nil : String(try lines.field("reason"))
        return .object(proposal: id, reason: reason)
    }

    static func vote(_ lines: inout ActLines) throws(ActError) -> Body {
        let id = try proposalNumber(&lines)
        let word = try lines.field("choice")
        guard let choice = VoteChoice(rawValue: String(word)) else {
            throw ActError(.malformedAct, "line \(lines.number): 'choice \(word)': a vote is yes, no or abstain")
        }
        return .vote(proposal: id, choice: choice)
    }

    static func explain(_ lines: inout ActLines) throws(ActError) -> Body {
        let id = try proposalNumber(&lines)
        let text = String(try lines.field("explanation"))
        guard text.count <= 2_000, text.last != " " else {
            throw ActError(.malformedAct, "an explanation of vote is one line of at most 2000 characters without trailing space")
        }
        let language = lines.isAtEnd ? nil : try LanguageTag.validate(lines.field("language"))
        return .explain(proposal: id, text: text, language: language)
    }

    static func consensusCall(_ lines: inout ActLines) throws(ActError) -> Body {
        .consensusCall(
            proposal: try proposalNumber(&lines), at: try Timestamp(parsing: lines.field("at")),
            until: try Timestamp(parsing: lines.field("until")))
    }

    static func ballotOpening(_ lines: inout ActLines) throws(ActError) -> BallotOpening {
        BallotOpening(
            proposal: try proposalNumber(&lines), opens: try Timestamp(parsing: lines.field("at")),
            closes: try Timestamp(parsing: lines.field("closes")), threshold: try threshold(lines.field("threshold")),
            quorum: try Fraction(parsing: lines.field("quorum")), electorate: try count(lines.field("electorate"), "electorate"),
            rulesVersion: try count(lines.field("rules-version"), "rules-version"))
    }

    static func proposal(_ lines: inout ActLines) throws(ActError) -> ProposalDraft {
        let kindWord = try lines.field("kind")
        guard let kind = ProposalKind(rawValue: String(kindWord)) else {
            throw ActError(.malformedAct, "'kind \(kindWord)': kinds are \(ProposalKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let title = String(try lines.field("title"))
        let document = try sha256(lines.field("text"))
        let language = lines.nextStarts(with: "language ") ? try LanguageTag.validate(lines.field("language")) : nil
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
        return try ProposalDraft(kind: kind, title: title, document: document, subject: subject, language: language)
    }

    static func decision(_ lines: inout ActLines) throws(ActError) -> DecisionRecord {
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

    static func collection(_ lines: inout ActLines) throws(ActError) -> CollectionDefinition {
        let id = String(try lines.field("id"))
        let alias = String(try lines.field("alias"))
        let title = String(try lines.field("title"))
        let audience = try CollectionDefinition.Members(parsing: lines.field("audience"))
        let readers = try CollectionDefinition.Members(parsing: lines.field("read"))
        let writers = try CollectionDefinition.Members(parsing: lines.field("write"))
        let visibility = try lines.field("public")
        guard visibility == "yes" || visibility == "no" else {
            throw ActError(.malformedAct, "line \(lines.number) reads 'public yes' or 'public no'")
        }
        let tlp = String(try lines.field("default-tlp"))
        return try CollectionDefinition(
            id: id, alias: alias, title: title, audience: audience, readers: readers, writers: writers, isPublic: visibility == "yes",
            defaultTLP: tlp)
    }

    static func exchange(_ lines: inout ActLines) throws(ActError) -> ExchangeRecord {
        let collection = String(try lines.field("collection"))
        var records: [ExchangeRecord.Line] = []
        while !lines.isAtEnd {
            let line = try lines.next("an exchange line")
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            switch (fields.first, fields.count) {
            case ("add", 6), ("delete", 6):
                guard fields[5].utf8.count == 64, Hex.decode(fields[5]) != nil, fields[1].contains("--") else {
                    throw ActError(.malformedAct, "line \(lines.number): '\(fields[0]) OBJECT-ID VERSION TYPE MEMBER SHA256'")
                }
                let member = try MemberID(fields[4])
                records.append(
                    fields[0] == "add"
                        ? .add(objectID: fields[1], version: fields[2], type: fields[3], submitter: member, sha256: fields[5])
                        : .delete(objectID: fields[1], version: fields[2], type: fields[3], member: member, sha256: fields[5]))
            case ("add-sealed", 2), ("delete-sealed", 2):
                guard fields[1].utf8.count == 64, Hex.decode(fields[1]) != nil else {
                    throw ActError(.malformedAct, "line \(lines.number): a commitment is 64 lowercase hex digits")
                }
                records.append(fields[0] == "add-sealed" ? .addSealed(commitment: fields[1]) : .deleteSealed(commitment: fields[1]))
            default:
                throw ActError(.malformedAct, "line \(lines.number): use add, add-sealed, delete or delete-sealed")
            }
        }
        guard !records.isEmpty else { throw ActError(.malformedAct, "an exchange act records at least one object version") }
        return ExchangeRecord(collection: collection, lines: records)
    }

    private static func threshold(_ text: Substring) throws(ActError) -> Threshold {
        guard let threshold = Threshold(rawValue: String(text)) else {
            throw ActError(.malformedAct, "'\(text)' is not a threshold; thresholds are simple-majority and two-thirds")
        }
        return threshold
    }

    static func number(_ text: Substring, _ name: String) throws(ActError) -> UInt64 {
        guard let value = UInt64(text), value <= maximumSequence, String(value) == text else {
            throw ActError(.malformedAct, "'\(name) \(text)': write a decimal number without leading zeros")
        }
        return value
    }

    static func count(_ text: Substring, _ name: String) throws(ActError) -> Int {
        let value = try number(text, name)
        guard value <= 1_000_000 else { throw ActError(.malformedAct, "'\(name) \(text)' is out of range") }
        return Int(value)
    }

    static func sha256(_ text: Substring) throws(ActError) -> [UInt8] {
        guard text.utf8.count == 64, !text.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }),
            let digest = Hex.decode(text)
        else { throw ActError(.malformedAct, "'\(text)' is not a SHA-256: write 64 lowercase hex digits") }
        return digest
    }
}
