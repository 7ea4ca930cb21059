import TransparencyLog

extension Act {
    /// The act's text, ready to be signed: every line ends with a newline.
    public var text: String {
        var lines = [origin, "act \(body.type)", "by \(actor)", "seq \(sequence)"]
        switch body {
        case .genesis(let genesis):
            lines.append("forum \(genesis.forumName)")
            lines.append("node-key \(genesis.nodeKey)")
            lines += genesis.rules.settings.map { "rule \($0)" }
            lines += genesis.founders.map { "founder \($0.id) \($0.key) \($0.displayName)" }
        case .credential(let changes):
            lines += changes.map(\.line)
        case .propose(let draft):
            lines += ["kind \(draft.kind.rawValue)", "title \(draft.title)", "text \(Hex.encode(draft.document))"]
            if let language = draft.language { lines.append("language \(language)") }
            switch draft.subject {
            case .none: break
            case .admission(let member): lines.append("admit \(member.id) \(member.key) \(member.displayName)")
            case .suspension(let id): lines.append("suspend \(id)")
            case .rules(let settings): lines += settings.map { "rule \($0)" }
            }
        case .object(let proposal, let reason):
            lines.append("proposal \(proposal)")
            if let reason { lines.append("reason \(reason)") }
        case .vote(let proposal, let choice): lines += ["proposal \(proposal)", "choice \(choice.rawValue)"]
        case .explain(let proposal, let text, let language):
            lines += ["proposal \(proposal)", "explanation \(text)"] + (language.map { ["language \($0)"] } ?? [])
        case .withdraw(let proposal): lines.append("proposal \(proposal)")
        case .circulate(let proposal, let at), .close(let proposal, let at): lines += ["proposal \(proposal)", "at \(at)"]
        case .consensusCall(let proposal, let at, let until): lines += ["proposal \(proposal)", "at \(at)", "until \(until)"]
        case .ballot(let opening):
            lines += [
                "proposal \(opening.proposal)", "at \(opening.opens)", "closes \(opening.closes)", "threshold \(opening.threshold.rawValue)",
                "quorum \(opening.quorum)", "electorate \(opening.electorate)", "rules-version \(opening.rulesVersion)",
            ]
        case .decision(let decision):
            lines += ["proposal \(decision.proposal)", "at \(decision.at)", "outcome \(decision.outcome.rawValue)"]
            if let count = decision.count, let counted = decision.counted {
                lines += [
                    "threshold \(count.threshold.rawValue)", "quorum \(count.quorum)", "electorate \(count.tally.electorate)",
                    "yes \(count.tally.yes)", "no \(count.tally.no)", "abstain \(count.tally.abstain)",
                    "counted \(counted.lowerBound)-\(counted.upperBound)",
                ]
            }
        case .collection(let collection):
            lines += [
                "id \(collection.id)", "alias \(collection.alias)", "title \(collection.title)", "audience \(collection.audience)",
                "read \(collection.readers)", "write \(collection.writers)", "public \(collection.isPublic ? "yes" : "no")",
                "default-tlp \(collection.defaultTLP)",
            ]
        case .exchange(let record):
            lines.append("collection \(record.collection)")
            for line in record.lines {
                switch line {
                case .add(let id, let version, let type, let submitter, let sha256):
                    lines.append(ExchangeRecord.fields(.add, objectID: id, version: version, type: type, member: submitter, sha256: sha256))
                case .delete(let id, let version, let type, let member, let sha256):
                    lines.append(ExchangeRecord.fields(.delete, objectID: id, version: version, type: type, member: member, sha256: sha256))
                case .addSealed(let commitment): lines.append("add-sealed \(commitment)")
                case .deleteSealed(let commitment): lines.append("delete-sealed \(commitment)")
                }
            }
        case .contact, .askCheck, .check, .acknowledge, .request, .deliver, .answer, .closeRequest, .overdue:
            lines += body.communicationLines ?? []
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

extension CredentialChange {
    /// The change as a line of a `credential` act, without its newline.
    var line: String {
        switch self {
        case .addKey(let key): "add-key \(key)"
        case .revokeKey(let key): "revoke-key \(key)"
        case .addToken(let token): "add-token \(token.label) \(Hex.encode(token.sha256))"
        case .revokeToken(let label): "revoke-token \(label)"
        case .addWitness(let key, let url): "add-witness \(key) \(url)"
        case .retireWitness(let key): "retire-witness \(key)"
        }
    }
}
