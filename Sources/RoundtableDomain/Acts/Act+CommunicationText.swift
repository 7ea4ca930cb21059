import TransparencyLog

extension Act.Body {
    /// The lines of a communication act's body, without their newlines; `nil` for the other act types.
    var communicationLines: [String]? {
        switch self {
        case .contact(let change):
            switch change {
            case .add(let entry), .update(let entry):
                let word = if case .add = change { "add" } else { "update" }
                return ["\(word) \(entry.id) \(entry.role.rawValue) \(Hex.encode(entry.details))" + (entry.key.map { " \($0)" } ?? "")]
            case .remove(let id): return ["remove \(id)"]
            }
        case .askCheck(let contacts): return ["contacts \(contacts?.joined(separator: ",") ?? "all")"]
        case .check(let opening):
            return ["member \(opening.member)"] + opening.challenges.map { "contact \($0.contact) \(Hex.encode($0.nonceHash))" }
                + (opening.asked.map { ["asked \($0)"] } ?? []) + ["at \(opening.at)", "until \(opening.until)"]
        case .acknowledge(.check(let check, let contact, let nonce)): return ["check \(check)", "contact \(contact)", "nonce \(Hex.encode(nonce))"]
        case .acknowledge(.delivery(let delivery)): return ["delivery \(delivery)"]
        case .request(let draft):
            let recipients =
                switch draft.recipients {
                case .named(let members): "to \(members.map(\.rawValue).joined(separator: ","))"
                case .sealed(let count): "recipients \(count)"
                }
            return ["urgency \(draft.urgency.rawValue)", recipients, "sealed \(Hex.encode(draft.content))"]
        case .deliver(let openings):
            return (openings.first.map { ["at \($0.at)"] } ?? [])
                + openings.map { opening in
                    let request = opening.request.map { " request \($0)" } ?? ""
                    return "to \(opening.recipient) urgency \(opening.urgency.rawValue) ack-by \(opening.ackBy)\(request)"
                }
        case .answer(let delivery, let status, let content):
            return ["delivery \(delivery)", "status \(status.rawValue)", "sealed \(Hex.encode(content))"]
        case .closeRequest(let request, let outcome): return ["request \(request)", "outcome \(outcome.rawValue)"]
        case .overdue(.check(let check, let contacts, let at)): return ["check \(check)", "contacts \(contacts.joined(separator: ","))", "at \(at)"]
        case .overdue(.delivery(let delivery, let recipients, let at)):
            return ["delivery \(delivery)", "to \(recipients.map(\.rawValue).joined(separator: ","))", "at \(at)"]
        case .genesis, .credential, .propose, .object, .vote, .explain, .withdraw, .circulate, .consensusCall, .ballot, .close, .decision,
            .collection, .exchange:
            return nil
        }
    }
}
