import TransparencyLog

/// The parsers of the communication acts' bodies (`docs/communication.md`).
extension Act {
    static func contactChange(_ lines: inout ActLines) throws(ActError) -> ContactChange {
        let line = try lines.next("a contact change")
        let fields = line.parts(separatedBy: 0x20)
        switch (fields.first, fields.count) {
        case ("add", 4), ("add", 5), ("update", 4), ("update", 5):
            guard let role = ContactRole(rawValue: String(fields[2])) else {
                throw ActError(
                    .malformedAct,
                    "line \(lines.number): '\(fields[2])' is not a contact role; roles: "
                        + ContactRole.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let entry = try ContactEntry(
                id: String(fields[1]), role: role, details: try sha256(fields[3]), key: fields.count == 5 ? try verifier(fields[4]) : nil)
            return fields[0] == "add" ? .add(entry) : .update(entry)
        case ("remove", 2):
            try ContactEntry.validate(id: fields[1])
            return .remove(id: String(fields[1]))
        default:
            throw ActError(
                .malformedAct,
                "line \(lines.number): a contact act reads 'add ID ROLE DETAILS-SHA256 [VKEY]', 'update ID ROLE DETAILS-SHA256 [VKEY]' "
                    + "or 'remove ID'")
        }
    }

    static func askedContacts(_ lines: inout ActLines) throws(ActError) -> [String]? {
        let value = try lines.field("contacts")
        guard value != "all" else { return nil }
        return try contactList(value, line: lines.number)
    }

    private static func contactList(_ value: Substring, line: Int) throws(ActError) -> [String] {
        var ids: [String] = []
        for id in value.parts(separatedBy: 0x2C) {
            try ContactEntry.validate(id: id)
            ids.append(String(id))
        }
        guard ids == ids.sorted(), Set(ids).count == ids.count else {
            throw ActError(.malformedAct, "line \(line): list contact ids once each, in ascending order")
        }
        return ids
    }

    static func checkOpening(_ lines: inout ActLines) throws(ActError) -> CheckOpening {
        let member = try MemberID(lines.field("member"))
        var challenges: [CheckOpening.Challenge] = []
        while lines.nextStarts(with: "contact ") {
            let fields = try lines.field("contact").parts(separatedBy: 0x20)
            guard fields.count == 2 else { throw ActError(.malformedAct, "line \(lines.number) reads 'contact ID NONCE-SHA256'") }
            try ContactEntry.validate(id: fields[0])
            challenges.append(.init(contact: String(fields[0]), nonceHash: try sha256(fields[1])))
        }
        let ids = challenges.map(\.contact)
        guard !ids.isEmpty, ids == ids.sorted(), Set(ids).count == ids.count else {
            throw ActError(.malformedAct, "a check names at least one contact, once each, in ascending order")
        }
        let asked = lines.nextStarts(with: "asked ") ? try number(lines.field("asked"), "asked") : nil
        return CheckOpening(
            member: member, challenges: challenges, asked: asked, at: try Timestamp(parsing: lines.field("at")),
            until: try Timestamp(parsing: lines.field("until")))
    }

    static func acknowledgement(_ lines: inout ActLines) throws(ActError) -> Acknowledgement {
        if lines.nextStarts(with: "delivery ") { return .delivery(try number(lines.field("delivery"), "delivery")) }
        let check = try number(lines.field("check"), "check")
        let contact = try lines.field("contact")
        try ContactEntry.validate(id: contact)
        let nonceText = try lines.field("nonce")
        guard nonceText.utf8.count == 32, !nonceText.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }),
            let nonce = Hex.decode(nonceText)
        else { throw ActError(.malformedAct, "line \(lines.number): a nonce is 32 lowercase hex digits") }
        return .check(check, contact: String(contact), nonce: nonce)
    }

    static func requestDraft(_ lines: inout ActLines) throws(ActError) -> RequestDraft {
        let urgency = try self.urgency(lines.field("urgency"), line: lines.number)
        let recipients: RequestDraft.Recipients
        if lines.nextStarts(with: "to ") {
            var members: [MemberID] = []
            for id in try lines.field("to").parts(separatedBy: 0x2C) { members.append(try MemberID(id)) }
            guard members == members.sorted(), Set(members).count == members.count else {
                throw ActError(.malformedAct, "line \(lines.number): list recipients once each, in ascending order")
            }
            recipients = .named(members)
        } else {
            recipients = .sealed(count: try count(lines.field("recipients"), "recipients"))
        }
        guard (1...RequestDraft.maximumRecipients).contains(recipients.count) else {
            throw ActError(.malformedAct, "a request has 1 to \(RequestDraft.maximumRecipients) recipients")
        }
        return RequestDraft(urgency: urgency, recipients: recipients, content: try sha256(lines.field("sealed")))
    }

    static func deliveryOpenings(_ lines: inout ActLines) throws(ActError) -> [DeliveryOpening] {
        let at = try Timestamp(parsing: lines.field("at"))
        var openings: [DeliveryOpening] = []
        while lines.nextStarts(with: "to ") {
            let fields = try lines.field("to").parts(separatedBy: 0x20)
            guard fields.count == 5 || fields.count == 7, fields[1] == "urgency", fields[3] == "ack-by", fields.count == 5 || fields[5] == "request"
            else { throw ActError(.malformedAct, "line \(lines.number) reads 'to MEMBER urgency URGENCY ack-by TIME [request INDEX]'") }
            openings.append(
                DeliveryOpening(
                    recipient: try MemberID(fields[0]), request: fields.count == 7 ? try number(fields[6], "request") : nil,
                    urgency: try urgency(fields[2], line: lines.number), at: at, ackBy: try Timestamp(parsing: fields[4])))
        }
        guard (1...DeliveryOpening.maximumPerAct).contains(openings.count) else {
            throw ActError(.malformedAct, "a deliver act has 1 to \(DeliveryOpening.maximumPerAct) 'to' lines")
        }
        guard Set(openings.map(\.recipient)).count == openings.count else {
            throw ActError(.malformedAct, "a deliver act delivers to each recipient once")
        }
        return openings
    }

    static func answer(_ lines: inout ActLines) throws(ActError) -> Body {
        let delivery = try number(lines.field("delivery"), "delivery")
        let word = try lines.field("status")
        guard let status = AnswerStatus(rawValue: String(word)) else {
            throw ActError(
                .malformedAct,
                "line \(lines.number): '\(word)' is not an answer; answers: \(AnswerStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return .answer(delivery: delivery, status: status, content: try sha256(lines.field("sealed")))
    }

    static func closeRequest(_ lines: inout ActLines) throws(ActError) -> Body {
        let request = try number(lines.field("request"), "request")
        let word = try lines.field("outcome")
        guard let outcome = RequestOutcome(rawValue: String(word)) else {
            throw ActError(.malformedAct, "line \(lines.number): a request closes as resolved or withdrawn")
        }
        return .closeRequest(request: request, outcome: outcome)
    }

    static func overdueRecord(_ lines: inout ActLines) throws(ActError) -> OverdueRecord {
        if lines.nextStarts(with: "delivery ") {
            let delivery = try number(lines.field("delivery"), "delivery")
            var recipients: [MemberID] = []
            for id in try lines.field("to").parts(separatedBy: 0x2C) { recipients.append(try MemberID(id)) }
            guard recipients == recipients.sorted(), Set(recipients).count == recipients.count else {
                throw ActError(.malformedAct, "line \(lines.number): list recipients once each, in ascending order")
            }
            return .delivery(delivery, recipients: recipients, at: try Timestamp(parsing: lines.field("at")))
        }
        let check = try number(lines.field("check"), "check")
        let contacts = try contactList(try lines.field("contacts"), line: lines.number)
        return .check(check, contacts: contacts, at: try Timestamp(parsing: lines.field("at")))
    }

    private static func urgency(_ word: Substring, line: Int) throws(ActError) -> Urgency {
        guard let urgency = Urgency(rawValue: String(word)) else {
            throw ActError(.malformedAct, "line \(line): '\(word)' is not an urgency; urgencies: routine, urgent, critical")
        }
        return urgency
    }
}
