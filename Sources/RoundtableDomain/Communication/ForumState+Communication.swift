import TransparencyLog

extension ForumState {
    /// The most points of contact a member may have.
    public static let maximumContacts = 20

    /// Checks a member's communication act and returns the changes it makes.
    func checkCommunicationAct(_ body: Act.Body, by member: Member, signer: NoteVerifier, at index: UInt64) throws(ActError) -> [ForumChange] {
        let id = member.id
        switch body {
        case .contact(let change): return try checkContactChange(change, by: id, at: index)
        case .askCheck(let contacts):
            let mine = communication.contacts[id] ?? [:]
            guard !mine.isEmpty else { throw ActError(.unknownContact, "\(id) has no points of contact to check; add one first") }
            for contact in contacts ?? [] where mine[contact] == nil {
                throw ActError(.unknownContact, "\(id) has no contact '\(contact)'")
            }
            return [.checkAsked(index, .init(member: id, contacts: contacts))]
        case .acknowledge(.check(let checkIndex, let contact, let nonce)):
            guard var check = communication.checks[checkIndex] else { throw ActError(.unknownCommunication, "there is no check \(checkIndex)") }
            guard check.opening.member == id, let challenge = check.opening.challenges.first(where: { $0.contact == contact }) else {
                throw ActError(.notAddressed, "check \(checkIndex) does not ask \(id)'s contact '\(contact)' to answer")
            }
            guard member.keys.contains(signer) || communication.contacts[id]?[contact]?.entry.key == signer else {
                throw ActError(.contactKeyNotAllowed, "contact '\(contact)' answers with its own key or one of \(id)'s keys, not another contact's")
            }
            guard check.acknowledged[contact] == nil else { throw ActError(.conflict, "contact '\(contact)' already answered check \(checkIndex)") }
            guard Digest.sha256(nonce) == challenge.nonceHash else {
                throw ActError(.wrongNonce, "the nonce is not the one check \(checkIndex) sent contact '\(contact)'; copy it from the inbox")
            }
            check.acknowledged[contact] = index
            return [.checkRecorded(check)]
        case .acknowledge(.delivery(let deliveryIndex)):
            var delivery = try addressedDelivery(deliveryIndex, to: id)
            guard delivery.acknowledged == nil else { throw ActError(.conflict, "\(id) already acknowledged delivery \(deliveryIndex)") }
            delivery.acknowledged = index
            return [.deliveryRecorded(delivery)]
        case .answer(let deliveryIndex, let status, _):
            var delivery = try addressedDelivery(deliveryIndex, to: id)
            guard delivery.acknowledged != nil else {
                throw ActError(.wrongStage, "acknowledge delivery \(deliveryIndex) before answering it")
            }
            delivery.answers.append(.init(status: status, index: index))
            return [.deliveryRecorded(delivery)]
        case .request(let draft):
            let parties = governance.rules.communication.requestParties
            switch (draft.recipients, parties) {
            case (.named(let recipients), .public):
                for recipient in recipients {
                    guard recipient != id else { throw ActError(.conflict, "a member does not send a request to itself") }
                    guard members[recipient]?.status == .active else {
                        throw ActError(.unknownMember, "\(recipient) is not an active member of this forum")
                    }
                }
            case (.sealed, .sealed): break
            case (.named, .sealed):
                throw ActError(.wrongParties, "under 'rule request-parties sealed' a request names no recipients: write 'recipients COUNT'")
            case (.sealed, .public):
                throw ActError(.wrongParties, "under 'rule request-parties public' a request names its recipients: write 'to MEMBER,...'")
            }
            return [.requestRecorded(Communication.Request(index: index, requester: id, draft: draft))]
        case .closeRequest(let requestIndex, let outcome):
            guard var request = communication.requests[requestIndex] else {
                throw ActError(.unknownCommunication, "there is no request \(requestIndex)")
            }
            guard request.requester == id else {
                throw ActError(.notAddressed, "only the requester, \(request.requester), closes request \(requestIndex)")
            }
            guard request.outcome == nil else { throw ActError(.requestClosed, "request \(requestIndex) is already closed") }
            request.outcome = outcome
            request.closedAt = index
            return [.requestRecorded(request)]
        default:
            throw ActError(.nodeOnly, "only the node writes '\(body.type)' acts")
        }
    }

    private func checkContactChange(_ change: ContactChange, by id: MemberID, at index: UInt64) throws(ActError) -> [ForumChange] {
        let mine = communication.contacts[id] ?? [:]
        switch change {
        case .add(let entry), .update(let entry):
            let existing = mine[entry.id]
            if case .add = change {
                guard existing == nil else { throw ActError(.conflict, "\(id) already has a contact '\(entry.id)'; update it instead") }
                guard mine.count < Self.maximumContacts else {
                    throw ActError(.conflict, "a member has at most \(Self.maximumContacts) points of contact; remove one first")
                }
            } else if existing == nil {
                throw ActError(.unknownContact, "\(id) has no contact '\(entry.id)' to update")
            }
            if let key = entry.key, key != existing?.entry.key, isRegistered(key) {
                throw ActError(.conflict, "key \(key.name) is already registered in this forum; a contact key is a key of its own")
            }
            return [.contactSet(id, .init(entry: entry, since: index, lastChecked: nil))]
        case .remove(let contact):
            guard mine[contact] != nil else { throw ActError(.unknownContact, "\(id) has no contact '\(contact)'") }
            return [.contactRemoved(id, contact: contact)]
        }
    }

    private func addressedDelivery(_ index: UInt64, to member: MemberID) throws(ActError) -> Communication.Delivery {
        guard let delivery = communication.deliveries[DeliveryID(index: index, recipient: member)] else {
            guard communication.recipients(ofDeliveries: index).isEmpty else {
                throw ActError(.notAddressed, "delivery \(index) is addressed to other members than \(member)")
            }
            throw ActError(.unknownCommunication, "there is no delivery \(index)")
        }
        if let request = communication.request(of: delivery), request.outcome != nil {
            throw ActError(.requestClosed, "the request of delivery \(index) is closed")
        }
        return delivery
    }

    /// Checks one of the node's communication acts.
    func checkNodeCommunicationAct(_ body: Act.Body, at index: UInt64) throws(ActError) -> [ForumChange] {
        let rules = governance.rules.communication
        switch body {
        case .check(let opening):
            try checkTime(opening.at)
            guard opening.until == opening.at.adding(rules.checkAnswer) else {
                throw ActError(
                    .wrongTime, "a check's deadline is its time plus the check-answer rule (\(RuleSetting.durationText(rules.checkAnswer)))")
            }
            let mine = communication.contacts[opening.member] ?? [:]
            var changes: [ForumChange] = []
            for challenge in opening.challenges {
                guard var contact = mine[challenge.contact] else {
                    throw ActError(.unknownContact, "\(opening.member) has no contact '\(challenge.contact)'")
                }
                contact.lastChecked = opening.at
                changes.append(.contactSet(opening.member, contact))
            }
            if let asked = opening.asked {
                guard communication.pendingAsks[asked]?.member == opening.member else {
                    throw ActError(.unknownCommunication, "act \(asked) is not an ask-check of \(opening.member) still waiting for its check")
                }
            }
            return [.nodeClock(opening.at)] + changes + [.checkRecorded(.init(index: index, opening: opening))]
        case .deliver(let openings):
            guard let at = openings.first?.at, openings.allSatisfy({ $0.at == at }), openings.count <= DeliveryOpening.maximumPerAct,
                Set(openings.map(\.recipient)).count == openings.count
            else {
                throw ActError(
                    .malformedAct, "a deliver act delivers 1 to \(DeliveryOpening.maximumPerAct) requests, each recipient once, all at one time")
            }
            try checkTime(at)
            var changes: [ForumChange] = [.nodeClock(at)]
            var requests: [UInt64: Communication.Request] = [:]
            for opening in openings {
                guard opening.ackBy == at.adding(rules.ackDeadline(opening.urgency)) else {
                    throw ActError(.wrongTime, "a delivery's deadline is its time plus the ack-\(opening.urgency.rawValue) rule")
                }
                guard members[opening.recipient] != nil else { throw ActError(.unknownMember, "\(opening.recipient) is not a member of this forum") }
                changes.append(.deliveryRecorded(.init(index: index, opening: opening)))
                guard let requestIndex = opening.request else { continue }
                guard var request = requests[requestIndex] ?? communication.requests[requestIndex],
                    case .named(let recipients) = request.draft.recipients
                else { throw ActError(.unknownCommunication, "there is no request \(requestIndex) that names its recipients") }
                guard recipients.contains(opening.recipient), !request.deliveries.contains(where: { $0.recipient == opening.recipient }),
                    request.draft.urgency == opening.urgency
                else { throw ActError(.conflict, "request \(requestIndex) has no undelivered recipient \(opening.recipient) of that urgency") }
                request.deliveries.append(DeliveryID(index: index, recipient: opening.recipient))
                requests[requestIndex] = request
            }
            return changes + requests.keys.sorted().map { .requestRecorded(requests[$0]!) }
        case .overdue(.check(let checkIndex, let contacts, let at)):
            try checkTime(at)
            guard var check = communication.checks[checkIndex] else { throw ActError(.unknownCommunication, "there is no check \(checkIndex)") }
            guard check.overdue == nil, at >= check.opening.until else {
                throw ActError(.wrongTime, "check \(checkIndex) is overdue once, at or after its deadline \(check.opening.until)")
            }
            guard contacts == check.silent, !contacts.isEmpty else {
                throw ActError(.conflict, "the overdue act names exactly the contacts that have not answered check \(checkIndex)")
            }
            check.overdue = index
            return [.nodeClock(at), .checkRecorded(check)]
        case .overdue(.delivery(let deliveryIndex, let recipients, let at)):
            try checkTime(at)
            guard !recipients.isEmpty else { throw ActError(.malformedAct, "an overdue act names at least one recipient") }
            var changes: [ForumChange] = [.nodeClock(at)]
            for recipient in recipients {
                guard var delivery = communication.deliveries[DeliveryID(index: deliveryIndex, recipient: recipient)] else {
                    throw ActError(.unknownCommunication, "there is no delivery \(deliveryIndex) to \(recipient)")
                }
                guard delivery.overdue == nil, delivery.acknowledged == nil, at >= delivery.opening.ackBy else {
                    throw ActError(
                        .wrongTime, "delivery \(deliveryIndex) to \(recipient) is overdue once, unacknowledged at or after \(delivery.opening.ackBy)")
                }
                delivery.overdue = index
                changes.append(.deliveryRecorded(delivery))
            }
            return changes
        default:
            throw ActError(.malformedAct, "the node does not write '\(body.type)' acts")
        }
    }

    private func checkTime(_ at: Timestamp) throws(ActError) {
        if let clock = governance.clock, at < clock {
            throw ActError(.wrongTime, "the node's clock runs backwards: \(at) is before its last act's time \(clock)")
        }
    }
}
